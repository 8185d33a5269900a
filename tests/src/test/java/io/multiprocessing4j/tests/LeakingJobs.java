package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.PoolTask;
import java.util.ArrayList;
import java.util.List;

/** A task that leaks on purpose, for {@code maxMemoryPerChild}. */
public final class LeakingJobs {

    /** What this worker JVM has leaked so far; never released. */
    private static final List<byte[]> LEAKED = new ArrayList<>();

    private LeakingJobs() {}

    /**
     * Keeps {@code megabytes} MiB for good, every page written so the system counts it as
     * resident, and returns "item:square:pid".
     */
    @PoolTask
    static String leak(int item, int megabytes) {
        for (int i = 0; i < megabytes; i++) {
            byte[] block = new byte[1 << 20];
            for (int page = 0; page < block.length; page += 4096) {
                block[page] = 1;
            }
            LEAKED.add(block);
        }
        return item + ":" + item * item + ":" + ProcessHandle.current().pid();
    }
}
