package io.multiprocessing4j.tests;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.annotations.PoolTask;

/** Pool tasks that say where they ran. */
public class Identity {

    /** "pid name" of the worker that runs it. */
    @PoolTask
    static String pidAndName() {
        return ProcessHandle.current().pid() + " " + Multiprocessing.currentProcess().name();
    }

    /** "pid length": where it ran and how many bytes arrived. */
    @PoolTask
    static String pidAndLength(byte[] bytes) {
        return ProcessHandle.current().pid() + " " + bytes.length;
    }
}
