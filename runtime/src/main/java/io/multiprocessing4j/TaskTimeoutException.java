package io.multiprocessing4j;

import java.time.Duration;

/**
 * The task ran past its time limit. Its worker was killed (within a second of the deadline) and a
 * replacement started; other tasks are unaffected.
 */
public class TaskTimeoutException extends TaskException {
    private static final long serialVersionUID = 1L;

    /** The limit the task overran, as {@link #timeout()} returns it. */
    private final Duration timeout;

    /**
     * Describes a task that ran past its time limit.
     *
     * @param message what happened, naming the worker, the task and the limit
     * @param worker the worker that was killed
     * @param task the task that overran
     * @param timeout the limit it overran
     */
    public TaskTimeoutException(String message, String worker, String task, Duration timeout) {
        super(message, worker, task, null);
        this.timeout = timeout;
    }

    /** A copy of {@code original}, caused by it, made in the thread it is thrown to, for that thread's stack. */
    TaskTimeoutException(TaskTimeoutException original) {
        super(original.getMessage(), original.worker(), original.task(), original);
        this.timeout = original.timeout;
    }

    /** {@return the limit the task overran} */
    public Duration timeout() {
        return timeout;
    }
}
