package io.multiprocessing4j;

/**
 * The worker process died while it held the task: {@code System.exit}, {@code Runtime.halt}, a
 * signal such as {@code kill -9}, an {@code OutOfMemoryError} (workers exit on one), a JVM crash.
 * The pool has already started a replacement, and every other task is unaffected.
 *
 * <p>{@link #exitCode()} is Python's exit code of the dead worker: {@code N} after an exit with
 * code {@code N}, {@code -S} after a death by signal {@code S}. The message also quotes the
 * worker's last lines on standard error, which often say why it died.
 */
public class WorkerDiedException extends TaskException {
    private static final long serialVersionUID = 1L;

    /** The dead worker's exit code, as {@link #exitCode()} returns it. */
    private final int exitCode;

    /**
     * Describes the death of a worker under a task.
     *
     * @param message what happened, naming the worker, the task and the exit code or signal
     * @param worker the worker that died
     * @param task the task it held
     * @param exitCode the worker's exit code in Python's convention
     */
    public WorkerDiedException(String message, String worker, String task, int exitCode) {
        super(message, worker, task, null);
        this.exitCode = exitCode;
    }

    /** A copy of {@code original}, caused by it, made in the thread it is thrown to, for that thread's stack. */
    WorkerDiedException(WorkerDiedException original) {
        super(original.getMessage(), original.worker(), original.task(), original);
        this.exitCode = original.exitCode;
    }

    /** {@return the dead worker's exit code: {@code N} for an exit, {@code -S} for signal {@code S}} */
    public int exitCode() {
        return exitCode;
    }
}
