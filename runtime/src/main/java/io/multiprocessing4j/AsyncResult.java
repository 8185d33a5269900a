package io.multiprocessing4j;

import io.multiprocessing4j.internal.pool.ProgressRelay;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future result of work submitted to a {@link Pool}, the counterpart of Python's
 * {@code AsyncResult}: {@code get()}, {@code join()}, {@code isDone()} and
 * {@code !isCompletedExceptionally()} are Python's {@code get}, {@code wait}, {@code ready} and
 * {@code successful}.
 *
 * <p>It fails with a {@link TaskException}: {@link TaskFailedException},
 * {@link WorkerDiedException} or {@link TaskTimeoutException}. {@code get()} wraps it in an
 * {@code ExecutionException} and {@code join()} in a {@code CompletionException}, as every
 * {@link CompletableFuture} does. A pool that is {@linkplain Pool#terminate() terminated} cancels
 * every result that has not completed. Thrown by {@code get()} or {@code join()}, the
 * {@code TaskException} carries the stack of the thread that called them (see
 * {@link TaskException}).
 *
 * <p>{@link #cancel(boolean) cancel(true)} stops the work: work still queued never runs, and a
 * worker running it is killed and replaced (the only way to stop a running Java method).
 * {@code cancel(false)} drops queued work and lets running work finish unobserved. Dependent
 * futures ({@code thenApply} ...) are plain {@code CompletableFuture}s; cancelling them does not
 * reach the pool.
 *
 * <p><b>Which thread runs your callback.</b> The pool completes this result on a callback thread
 * of its own ({@code multiprocessing4j-pool-callbacks}), never on a thread that reads the workers'
 * results: a callback ({@code thenApply}, {@code whenComplete}, ...) attached before completion
 * runs there, one attached after completion runs on the thread attaching it, and
 * {@code *Async} forms run where their executor says. A callback may therefore call back into
 * the pool and wait ({@code pool.apply}, {@code pool.map}, iterating {@code pool.imap},
 * {@code get()} of another result, {@code pool.close()}) without deadlock. Callbacks of one pool
 * run one at a time, in completion order; a callback that blocks for long delays those behind it
 * (except while it waits in {@code get()} or {@code join()} of a future, when another thread takes
 * over). An exception or {@code Error} thrown by a callback completes its dependent future
 * exceptionally, as {@code CompletableFuture} does, and the pool goes on. The hand-over to that
 * thread costs some microseconds per result; {@link Pool#apply} and {@link Pool#map}, which
 * return no future, do not pay it.
 *
 * @param <R> the result type
 */
public final class AsyncResult<R> extends CompletableFuture<R> {

    /** What cancelling the result does to the work behind it. */
    interface Canceller {
        void cancel(boolean killIfRunning);
    }

    private volatile Canceller canceller;
    /** The tasks' progress: given by the pool for a map, made on demand for one task. */
    private volatile ProgressRelay progress;

    AsyncResult() {}

    AsyncResult(ProgressRelay progress) {
        this.progress = progress;
    }

    /**
     * How many of the work's tasks have an outcome, out of how many: a {@code mapAsync} result
     * counts its items, updated as each chunk's results arrive; a single task is 0/1, then 1/1.
     * Cheap: it reads two counters.
     *
     * @return the figures now
     */
    public Progress progress() {
        ProgressRelay relay = progress;
        if (relay != null) {
            return relay.progress();
        }
        return new Progress(isDone() ? 1 : 0, 1);
    }

    /**
     * Calls {@code listener} as the work progresses: soon with the figures now, then as tasks'
     * outcomes arrive, coalesced (at most about every 50 ms), and always once with every task done
     * (or, if the work is cancelled, as far as it came). It runs on the progress thread, never on
     * the pool's own; see {@link ProgressListener} for what it may do.
     *
     * <pre>{@code
     * AsyncResult<List<Integer>> squares = pool.mapAsync(FooTasks::square, input);
     * squares.onProgress(p -> System.err.printf("%.0f%%%n", 100 * p.fraction()));
     * }</pre>
     *
     * @param listener called with each update
     * @return this result, for chaining
     */
    public AsyncResult<R> onProgress(ProgressListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        ProgressRelay relay = progress;
        if (relay == null) {
            synchronized (this) {
                relay = progress;
                if (relay == null) {
                    ProgressRelay single = new ProgressRelay(1);
                    progress = relay = single;
                    whenComplete((value, error) -> single.advance(1));
                }
            }
        }
        relay.listen(listener);
        return this;
    }

    void onCancel(Canceller canceller) {
        this.canceller = canceller;
    }

    /**
     * Cancels the work behind this result, if it has not completed.
     *
     * @param mayInterruptIfRunning {@code true} to kill (and replace) a worker that is running the
     *     work; {@code false} to let it finish with nobody waiting for it
     * @return whether this result is now cancelled
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Canceller behind = canceller;
        if (cancelled && behind != null) {
            behind.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    /**
     * Waits for the result, as {@link CompletableFuture#get()} does. A {@link TaskException} in the
     * {@code ExecutionException} is a copy made in this thread, so its stack shows this call; its
     * cause explains the failure (see {@link TaskException}).
     *
     * @return the result
     * @throws ExecutionException if the work failed; its cause is the {@link TaskException}
     * @throws CancellationException if the result was cancelled
     * @throws InterruptedException if this thread was interrupted while waiting
     */
    @Override
    public R get() throws InterruptedException, ExecutionException {
        try {
            return super.get();
        } catch (ExecutionException e) {
            throw forCaller(e);
        }
    }

    /**
     * Waits for the result at most {@code timeout}, as {@link CompletableFuture#get(long, TimeUnit)}
     * does, with a {@link TaskException} copied into this thread as {@link #get()} does.
     *
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @return the result
     * @throws ExecutionException if the work failed; its cause is the {@link TaskException}
     * @throws CancellationException if the result was cancelled
     * @throws InterruptedException if this thread was interrupted while waiting
     * @throws TimeoutException if the result did not come in time
     */
    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return super.get(timeout, unit);
        } catch (ExecutionException e) {
            throw forCaller(e);
        }
    }

    /**
     * Waits for the result, uninterruptibly, as {@link CompletableFuture#join()} does, with a
     * {@link TaskException} copied into this thread as {@link #get()} does.
     *
     * @return the result
     * @throws CompletionException if the work failed; its cause is the {@link TaskException}
     * @throws CancellationException if the result was cancelled
     */
    @Override
    public R join() {
        try {
            return super.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            Throwable copy = cause == null ? null : CallerStack.forCaller(cause);
            throw copy == cause ? e : new CompletionException(copy);
        }
    }

    private static ExecutionException forCaller(ExecutionException e) {
        Throwable cause = e.getCause();
        Throwable copy = cause == null ? null : CallerStack.forCaller(cause);
        return copy == cause ? e : new ExecutionException(copy);
    }

    /** Dependent futures are plain ones: cancelling them must not kill workers. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
