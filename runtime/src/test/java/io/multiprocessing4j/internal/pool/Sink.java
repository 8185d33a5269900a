package io.multiprocessing4j.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink that records each item's outcome as a future, and counts deliveries to catch doubles. */
final class Sink implements ResultSink {

    private final ConcurrentHashMap<Integer, CompletableFuture<Object>> items = new ConcurrentHashMap<>();
    final AtomicInteger deliveries = new AtomicInteger();

    CompletableFuture<Object> item(int item) {
        return items.computeIfAbsent(item, i -> new CompletableFuture<>());
    }

    @Override
    public void returned(int item, Object value) {
        deliveries.incrementAndGet();
        if (!item(item).complete(value)) {
            throw new AssertionError("item " + item + " delivered twice");
        }
    }

    @Override
    public void failed(int item, RuntimeException error) {
        deliveries.incrementAndGet();
        if (!item(item).completeExceptionally(error)) {
            throw new AssertionError("item " + item + " delivered twice");
        }
    }

    /** The item's value, waiting at most the fake workers' wait. */
    Object value(int item) throws Exception {
        return item(item).get(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** What the item failed with. */
    Throwable failure(int item) throws Exception {
        try {
            Object value = item(item).get(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("item " + item + " returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e; // a future completed with a CancellationException throws it as it is
        }
    }

    boolean isDone(int item) {
        return item(item).isDone();
    }

    /** Fails unless nothing is delivered for the item within a short while. */
    void assertPending(int item) throws Exception {
        try {
            item(item).get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("item " + item + " completed");
        } catch (TimeoutException expected) {
            // still pending
        }
    }
}
