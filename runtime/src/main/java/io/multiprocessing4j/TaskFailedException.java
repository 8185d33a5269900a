package io.multiprocessing4j;

/**
 * The task threw. {@link #getCause()} is the original exception rebuilt in the parent, with the
 * same class and message and the child's stack trace, or a {@link RemoteException} holding the
 * same as text where it could not be rebuilt. Also thrown, with the initializer's exception as the
 * cause, for tasks that were not run because the pool's initializer failed in their worker; and,
 * without a cause, for a task whose result cannot be sent back.
 */
public class TaskFailedException extends TaskException {
    private static final long serialVersionUID = 1L;

    /**
     * Describes a task that threw, or one that could not run or report.
     *
     * @param message what happened, naming the worker and the task
     * @param worker the worker that ran the task
     * @param task the task
     * @param cause the task's exception, rebuilt; may be {@code null}
     */
    public TaskFailedException(String message, String worker, String task, Throwable cause) {
        super(message, worker, task, cause);
    }

    /**
     * A copy of {@code original} made in the thread it is thrown to, for that thread's stack (see
     * {@code CallerStack}); its cause is the original's, or the original if it has none.
     */
    TaskFailedException(TaskFailedException original) {
        super(original.getMessage(), original.worker(), original.task(),
                original.getCause() != null ? original.getCause() : original);
    }
}
