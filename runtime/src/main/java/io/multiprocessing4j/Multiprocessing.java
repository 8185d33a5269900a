package io.multiprocessing4j;

import io.multiprocessing4j.internal.LiveChildren;
import io.multiprocessing4j.internal.NamedProcess;
import io.multiprocessing4j.internal.child.ChildContext;
import java.util.List;
import java.util.Optional;

/**
 * Questions about processes, the counterparts of Python's module-level functions
 * {@code current_process()}, {@code parent_process()}, {@code active_children()} and
 * {@code cpu_count()}. All are cheap and never start anything.
 */
public final class Multiprocessing {

    private static final ProcessInfo MAIN = new NamedProcess(NamedProcess.MAIN_PROCESS,
            ProcessHandle.current().pid());

    private Multiprocessing() {}

    /**
     * {@return this process}: {@code MainProcess} in a JVM that multiprocessing4j did not start;
     * inside a child, the child's name ({@code ChildProcess-N} or the name it was given,
     * {@code PoolWorker-N} in a pool).
     */
    public static ProcessInfo currentProcess() {
        ProcessInfo self = ChildContext.self();
        return self != null ? self : MAIN;
    }

    /** {@return the process that started this one, or empty in a JVM that multiprocessing4j did not start} */
    public static Optional<ProcessInfo> parentProcess() {
        return Optional.ofNullable(ChildContext.parent());
    }

    /**
     * {@return the children of this process that are still running}: started
     * {@link ChildProcess}es and pool workers. A snapshot; it does not change as children exit.
     */
    public static List<ProcessInfo> activeChildren() {
        return LiveChildren.snapshot();
    }

    /** {@return the number of processors available to this JVM}, which honours container limits. */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
