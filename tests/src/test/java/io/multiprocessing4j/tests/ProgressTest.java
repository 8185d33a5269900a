package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.Progress;
import io.multiprocessing4j.ProgressListener;
import io.multiprocessing4j.SharedEvent;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, item 1: progress of a map, an imap and a whole pool, counted in items, reported off
 * the pool's threads, with real worker JVMs.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Records every update, the thread it came on, and completes once the work is complete. */
    private static final class Recorder implements ProgressListener {
        final List<Progress> seen = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CompletableFuture<Progress> complete = new CompletableFuture<>();

        @Override
        public void onProgress(Progress progress) {
            seen.add(progress);
            threads.add(Thread.currentThread().getName());
            if (progress.isComplete()) {
                complete.complete(progress);
            }
        }

        Progress awaitComplete() {
            Object last = Outcome.of(complete, WAIT, "the last progress update (seen " + seen + ")");
            return (Progress) last;
        }

        /** The updates only grow, and come on the progress thread. */
        void checkOrderAndThread() {
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).done() >= seen.get(i - 1).done(), "updates went back: " + seen);
            }
            for (String thread : threads) {
                assertEquals("multiprocessing4j-progress", thread, "a listener ran on " + threads);
            }
        }
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void aMapReportsItemsAsChunksFinishOffThePoolsThreads() {
        try (Pool pool = Pool.create(2)) {
            Recorder recorder = new Recorder();
            AsyncResult<List<Integer>> squares = pool.mapAsync(x -> PoolJobsTasks.sleepThenSquare(20, x), range(40), 5)
                    .onProgress(recorder);
            assertEquals(new Progress(40, 40), recorder.awaitComplete());
            assertEquals(range(40).stream().map(x -> x * x).collect(Collectors.toList()),
                    Outcome.of(squares, WAIT, "the map"));
            assertEquals(new Progress(40, 40), squares.progress());
            recorder.checkOrderAndThread();
            assertEquals(40, recorder.seen.get(0).total(), recorder.seen.toString());
            for (Progress p : recorder.seen) {
                assertEquals(0, p.done() % 5, "progress moves a chunk at a time: " + recorder.seen);
            }
        }
    }

    @Test
    void aListenerThatThrowsAndCallsBackIntoThePoolStillSeesTheEnd() {
        try (Pool pool = Pool.create(1)) {
            Recorder recorder = new Recorder();
            List<Integer> fromListener = new CopyOnWriteArrayList<>();
            AsyncResult<List<Integer>> squares = pool.mapAsync(x -> PoolJobsTasks.sleepThenSquare(10, x), range(30), 1);
            squares.onProgress(p -> {
                if (fromListener.isEmpty()) {
                    fromListener.add(pool.apply(PoolJobsTasks.square(7))); // blocks this thread, not the pool's
                }
                recorder.onProgress(p);
                throw new IllegalStateException("a listener's bug");
            });
            assertEquals(new Progress(30, 30), recorder.awaitComplete());
            assertEquals(List.of(49), fromListener);
            assertEquals(30, ((List<?>) Outcome.of(squares, WAIT, "the map")).size());
            recorder.checkOrderAndThread();
        }
    }

    @Test
    void imapCountsArrivalsOutOfTheCollectionsSizeOrOfAnUnknownTotal() {
        try (Pool pool = Pool.create(2)) {
            Recorder known = new Recorder();
            List<Integer> squares = pool.imap(PoolJobsTasks::square, range(25), 2, known).collect(Collectors.toList());
            assertEquals(range(25).stream().map(x -> x * x).collect(Collectors.toList()), squares);
            assertEquals(new Progress(25, 25), known.awaitComplete());
            known.checkOrderAndThread();

            Recorder unknown = new Recorder();
            Iterable<Integer> notACollection = () -> range(12).iterator();
            Iterator<Integer> results = pool.imapUnordered(PoolJobsTasks::square, notACollection, 1, unknown).iterator();
            int count = 0;
            while (results.hasNext()) {
                results.next();
                count++;
            }
            assertEquals(12, count);
            awaitCondition(() -> !unknown.seen.isEmpty() && last(unknown).done() == 12, "12 arrivals reported: "
                    + unknown.seen);
            assertEquals(-1, last(unknown).total());
            assertTrue(Double.isNaN(last(unknown).fraction()));
            unknown.checkOrderAndThread();
        }
    }

    @Test
    void aPoolsListenerCountsAllItsWork() {
        Recorder recorder = new Recorder();
        try (Pool pool = Pool.builder().processes(2).progressListener(recorder).build()) {
            AsyncResult<Integer> one = pool.applyAsync(PoolJobsTasks.square(3));
            List<Integer> many = pool.map(PoolJobsTasks::square, range(10));
            assertEquals(9, Outcome.of(one, WAIT, "the apply"));
            assertEquals(10, many.size());
            awaitCondition(() -> !recorder.seen.isEmpty() && last(recorder).equals(new Progress(11, 11)),
                    "11 of 11 reported: " + recorder.seen);
            assertEquals(new Progress(1, 1), one.progress());
            recorder.checkOrderAndThread();
        }
    }

    /**
     * The progress thread exists only while it has calls to make: after a map's last call it ends
     * within a bound (it used to be a scheduled executor's thread that never ended, which kept
     * {@code mvn exec:java} waiting 15 s after {@code main}).
     */
    @Test
    void theProgressThreadEndsSoonAfterTheLastCall() throws InterruptedException {
        List<Thread> callers = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder();
        try (Pool pool = Pool.create(2)) {
            pool.mapAsync(PoolJobsTasks::square, range(20), 5).onProgress(p -> {
                callers.add(Thread.currentThread());
                recorder.onProgress(p);
            });
            assertEquals(new Progress(20, 20), recorder.awaitComplete());
        }
        Thread progressThread = callers.get(callers.size() - 1);
        progressThread.join(WAIT.toMillis());
        assertFalse(progressThread.isAlive(), "the progress thread still runs "
                + WAIT.toSeconds() + " s after its last call: " + progressThread.getState());
        recorder.checkOrderAndThread();
    }

    /**
     * An interrupt ends the progress thread, as an application being torn down expects, but not
     * before the calls pending then are made: here the map completes while the thread is inside a
     * listener call, so the last call (every task done) is pending, within its coalescing window,
     * when the interrupt comes. It comes on that same thread, which then ends.
     */
    @Test
    void anInterruptedProgressThreadMakesThePendingLastCallThenEnds() throws InterruptedException {
        CompletableFuture<Thread> inFirstCall = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> callers = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder();
        SharedEvent go = SharedEvent.create();
        try (Pool pool = Pool.create(2)) {
            // No task ends before the first call has begun: that call sees the work unfinished.
            AsyncResult<List<Boolean>> waits = pool.mapAsync(x -> SharedJobsTasks.awaitEvent(go, WAIT.toMillis()),
                    range(20), 5);
            waits.onProgress(p -> {
                callers.add(Thread.currentThread());
                recorder.onProgress(p);
                if (inFirstCall.complete(Thread.currentThread())) {
                    awaitIgnoringInterrupts(release); // the test interrupts this thread meanwhile
                }
            });
            Thread progressThread = (Thread) Outcome.of(inFirstCall, WAIT, "the first listener call");
            go.set();
            assertEquals(Collections.nCopies(20, true), Outcome.of(waits, WAIT, "the map"));
            assertEquals(List.of(new Progress(0, 20)), recorder.seen, "the first call is still running");
            progressThread.interrupt();
            release.countDown();
            assertEquals(new Progress(20, 20), recorder.awaitComplete());
            progressThread.join(WAIT.toMillis());
            assertFalse(progressThread.isAlive(), "the interrupted progress thread still runs: "
                    + progressThread.getState());
            assertEquals(List.of(progressThread, progressThread), callers,
                    "the last call was made by the interrupted thread, before it ended: " + recorder.seen);
        }
        recorder.checkOrderAndThread();
    }

    /** Waits for {@code latch} as a listener that does not check for interrupts would. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (latch.getCount() > 0 && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private static Progress last(Recorder recorder) {
        return recorder.seen.get(recorder.seen.size() - 1);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
