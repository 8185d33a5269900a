package io.multiprocessing4j.tests;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.annotations.PoolTask;

/** A pool task that says where it ran. */
public class Identity {

    /** "pid name" of the worker that runs it. */
    @PoolTask
    static String pidAndName() {
        return ProcessHandle.current().pid() + " " + Multiprocessing.currentProcess().name();
    }
}
