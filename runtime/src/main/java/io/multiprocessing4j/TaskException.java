package io.multiprocessing4j;

/**
 * A task did not produce a result: it threw ({@link TaskFailedException}), its worker died under
 * it ({@link WorkerDiedException}), or it ran out of time ({@link TaskTimeoutException}). The
 * message always names the worker and the task.
 *
 * <p>{@code Pool.apply} and {@code Pool.map} throw these directly; {@link AsyncResult#get()}
 * wraps them in an {@code ExecutionException}, as every Java future does.
 *
 * <p>Thrown to a caller ({@code apply}, {@code map}, the iteration of an {@code imap} stream,
 * {@link AsyncResult#get()} and {@code join()}), the exception carries the caller's stack, as
 * {@code CompletableFuture.join} does: it is a copy, of the same class with the same message,
 * made in the caller's thread, so a stack trace shows which call failed. Its cause is what
 * explains the failure: for a {@link TaskFailedException}, the task's own exception, as
 * documented there; otherwise the exception the pool built where it saw the failure. (A subclass
 * not of this package is thrown as it is.)
 */
public abstract class TaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The worker that held the task, as {@link #worker()} returns it. */
    private final String worker;
    /** The task as its call would be written, as {@link #task()} returns it. */
    private final String task;

    TaskException(String message, String worker, String task, Throwable cause) {
        super(message, cause);
        this.worker = worker;
        this.task = task;
    }

    /** {@return the worker that held the task, for example {@code PoolWorker-2 (pid 4242)}} */
    public String worker() {
        return worker;
    }

    /** {@return the task, as its call would be written, for example {@code Doubler.square(3)}} */
    public String task() {
        return task;
    }
}
