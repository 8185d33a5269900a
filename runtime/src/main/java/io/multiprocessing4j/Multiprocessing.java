package io.multiprocessing4j;

import io.multiprocessing4j.internal.LiveChildren;
import io.multiprocessing4j.internal.NamedProcess;
import io.multiprocessing4j.internal.child.ChildContext;
import io.multiprocessing4j.internal.launch.Spares;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Questions about processes, the counterparts of Python's module-level functions
 * {@code current_process()}, {@code parent_process()}, {@code active_children()} and
 * {@code cpu_count()}, all cheap and never starting anything; and how children are started,
 * {@code set_start_method()}. Thread-safe.
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

    /**
     * Chooses how children are started from now on, Python's {@code set_start_method()} (which,
     * unlike this, may be called only once): {@link StartMethod#WARM} (the default) hands a child
     * to a spare JVM booted in advance, {@link StartMethod#SPAWN} boots a fresh JVM for each.
     * Overrides the system property {@code multiprocessing4j.startMethod}. Choosing
     * {@code SPAWN} kills the spares there are; children already started are not affected.
     *
     * @param method the start method
     */
    public static void setStartMethod(StartMethod method) {
        Spares.setStartMethod(Objects.requireNonNull(method, "method"));
    }

    /**
     * {@return the start method}: the one set last by {@link #setStartMethod}, else the system
     * property {@code multiprocessing4j.startMethod} ({@code spawn} or {@code warm}), else
     * {@link StartMethod#WARM}.
     *
     * @throws IllegalArgumentException if the system property names no start method
     */
    public static StartMethod startMethod() {
        return Spares.startMethod();
    }

    /**
     * Sets how many spare JVMs warm start keeps at most, of all configurations together (a
     * configuration is a set of JVM options: a pool's workers are one, {@code ChildProcess}es
     * with the same {@code jvmOptions} another). Spares are booted only to replace children that
     * ended; when there are this many already, the oldest spare of another configuration makes
     * way. Each spare costs the resident memory of an idle child JVM, about 37 MB with the
     * runtime's defaults (peak resident set, measured on JDK 17 and 25; see the README), and no
     * CPU while it waits. {@code 0} turns warm start off without changing the start method.
     * Overrides the system property {@code multiprocessing4j.spares}; the default is
     * {@link #cpuCount()}, enough for a default-sized pool to start again at once. The oldest
     * spares above the new number are killed.
     *
     * @param spares the number of spares, 0 or more
     * @throws IllegalArgumentException if {@code spares} is negative
     */
    public static void setSpares(int spares) {
        Spares.setLimit(spares);
    }

    /**
     * {@return how many spare JVMs warm start keeps at most, of all configurations}: the number set by
     * {@link #setSpares}, else the system property {@code multiprocessing4j.spares}, else
     * {@link #cpuCount()}.
     *
     * @throws IllegalArgumentException if the system property is not a number of 0 or more
     */
    public static int spares() {
        return Spares.limit();
    }
}
