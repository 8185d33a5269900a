package io.multiprocessing4j;

/**
 * Why a worker left a {@link Pool} while the pool went on: the reasons {@link PoolStats} counts
 * and the pool's log names (logger {@code io.multiprocessing4j.pool}). A worker stopped by the
 * pool's own {@link Pool#close()} or {@link Pool#terminate()} is not replaced and has no reason.
 */
public enum ReplacementReason {
    /**
     * The worker's process ended on its own: {@code System.exit}, {@code Runtime.halt}, a signal
     * ({@code kill -9}), an {@code OutOfMemoryError}, a crash, or dying before it was ready. The
     * log says the exit code or signal.
     */
    DIED,
    /** A task ran past its time limit; the worker halted or was killed. */
    TIMED_OUT,
    /** The pool's initializer ran past the pool's time limit; the worker was killed. */
    INITIALIZER_TIMED_OUT,
    /** A running task was cancelled with {@code cancel(true)}; the worker halted to stop it. */
    CANCELLED,
    /** The worker ran {@link Pool.Builder#maxTasksPerChild maxTasksPerChild} units of work. */
    MAX_TASKS,
    /**
     * The worker's resident memory passed {@link Pool.Builder#maxMemoryPerChild maxMemoryPerChild}
     * after a task.
     */
    MAX_MEMORY
}
