package io.multiprocessing4j;

import java.util.concurrent.CompletableFuture;

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
 * every result that has not completed.
 *
 * <p>{@link #cancel(boolean) cancel(true)} stops the work: work still queued never runs, and a
 * worker running it is killed and replaced (the only way to stop a running Java method).
 * {@code cancel(false)} drops queued work and lets running work finish unobserved. Dependent
 * futures ({@code thenApply} ...) are plain {@code CompletableFuture}s; cancelling them does not
 * reach the pool.
 *
 * @param <R> the result type
 */
public final class AsyncResult<R> extends CompletableFuture<R> {

    /** What cancelling the result does to the work behind it. */
    interface Canceller {
        void cancel(boolean killIfRunning);
    }

    private volatile Canceller canceller;

    AsyncResult() {}

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

    /** Dependent futures are plain ones: cancelling them must not kill workers. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
