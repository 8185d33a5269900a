package io.multiprocessing4j.internal;

import io.multiprocessing4j.ProcessInfo;

/** A process known by name and pid only: this one, or the parent of this one. */
public final class NamedProcess implements ProcessInfo {

    /** What Python calls the process that was not started by multiprocessing. */
    public static final String MAIN_PROCESS = "MainProcess";

    private final String name;
    private final long pid;

    /** A process named {@code name} with operating-system id {@code pid}. */
    public NamedProcess(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + ")";
    }
}
