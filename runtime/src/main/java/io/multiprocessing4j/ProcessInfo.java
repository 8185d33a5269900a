package io.multiprocessing4j;

/**
 * A process as {@link Multiprocessing} describes it: its name and operating-system pid. The
 * counterpart of the name and pid of Python's {@code current_process()}.
 */
public interface ProcessInfo {

    /**
     * {@return the process's name}: {@code MainProcess} for the JVM that was not started by
     * multiprocessing4j, the name given to {@link ChildProcess#name(String)} (default
     * {@code ChildProcess-N}) for a child, {@code PoolWorker-N} for a pool worker.
     */
    String name();

    /** {@return the operating-system process id} */
    long pid();
}
