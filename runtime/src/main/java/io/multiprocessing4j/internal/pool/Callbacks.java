package io.multiprocessing4j.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Completes the futures a pool hands to its user ({@code AsyncResult}s) on threads of its own,
 * never on the pool's: completing a future runs the callbacks attached to it
 * ({@code thenApply}, {@code whenComplete}, ...) on the completing thread, and a callback that
 * calls back into the pool and waits ({@code pool.apply(..)}, iterating an {@code imap}) would
 * otherwise wait on the very reader thread that must deliver what it waits for.
 *
 * <p>The threads are a {@link ForkJoinPool} of parallelism one, created on first use, so
 * completions run one after another in the order they were handed over, and a callback that
 * blocks in {@code get()} or {@code join()} of another future of the pool is compensated: the
 * pool starts another thread to go on completing (the JDK's managed blocking), so waiting on a
 * result from a callback does not starve its completion. Its threads are daemon threads and end
 * after {@value #IDLE_SECONDS} seconds idle, so a closed pool leaves none behind for long.
 *
 * <p>Cost: one hand-over between threads per completed future a user holds, some tens of
 * microseconds on a loaded machine. The pool's blocking calls ({@code apply}, {@code map}) do
 * not pay it: their futures never reach user code, and are completed where the result is read.
 *
 * <p>Thread-safe. Its monitor guards the count of completions not yet run, and is a leaf lock:
 * nothing else is taken while holding it.
 */
public final class Callbacks {

    /** How many threads may be added while callbacks block, beyond the one that runs them. */
    private static final int MAX_SPARES = 256;
    /** How long a callback thread with nothing to do lives. */
    private static final long IDLE_SECONDS = 5;

    private ForkJoinPool executor;
    /** Completions handed over and not yet run. */
    private int pending;

    /** Completes {@code future} with {@code value} on a callback thread. */
    public <T> void complete(CompletableFuture<T> future, T value) {
        run(() -> future.complete(value));
    }

    /** Completes {@code future} with {@code error} on a callback thread. */
    public void fail(CompletableFuture<?> future, Throwable error) {
        run(() -> future.completeExceptionally(error));
    }

    /**
     * Whether the calling thread is one of these callback threads: a callback of this pool's
     * results runs, and waiting here for the callbacks to end would wait for itself.
     */
    boolean isCallbackThread() {
        Thread current = Thread.currentThread();
        if (!(current instanceof ForkJoinWorkerThread)) {
            return false;
        }
        synchronized (this) {
            return executor != null && ((ForkJoinWorkerThread) current).getPool() == executor;
        }
    }

    /**
     * Waits until every completion handed over so far has run, unless called from a callback.
     * Not interruptible; an interrupt is kept for the caller.
     */
    void awaitIdle() {
        if (isCallbackThread()) {
            return;
        }
        boolean interrupted = false;
        synchronized (this) {
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Runnable completion) {
        ForkJoinPool threads;
        synchronized (this) {
            if (executor == null) {
                executor = new ForkJoinPool(1, Callbacks::newThread, null, true, 0, MAX_SPARES + 1, 1, null,
                        IDLE_SECONDS, TimeUnit.SECONDS);
            }
            threads = executor;
            pending++;
        }
        try {
            threads.execute(() -> {
                try {
                    completion.run();
                } finally {
                    done();
                }
            });
        } catch (RejectedExecutionException e) {
            done();
            throw e;
        }
    }

    private synchronized void done() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    private static ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("multiprocessing4j-pool-callbacks");
        return thread;
    }
}
