package io.multiprocessing4j;

/**
 * A task did not produce a result: it threw ({@link TaskFailedException}), its worker died under
 * it ({@link WorkerDiedException}), or it ran out of time ({@link TaskTimeoutException}). The
 * message always names the worker and the task.
 *
 * <p>{@code Pool.apply} and {@code Pool.map} throw these directly; {@link AsyncResult#get()}
 * wraps them in an {@code ExecutionException}, as every Java future does.
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
