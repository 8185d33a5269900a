package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Tasks that start processes of their own, two levels deep ({@code sh}, which starts
 * {@code sleep}), each tree marked by a unique argument so that a test finds exactly its own
 * processes, and can kill them whatever happened.
 */
public class ProcessTrees {

    /** Long enough to outlive any test; the fraction makes it unique. */
    static String newMarker() {
        return "86400." + (100_000 + ThreadLocalRandom.current().nextInt(900_000));
    }

    /** Starts {@code sh -c "sleep MARKER & wait"} and returns its pid; the shell waits for its sleep. */
    @PoolTask
    static long startTree(String marker) throws IOException {
        return new ProcessBuilder("sh", "-c", "sleep " + marker + " & wait").start().pid();
    }

    /** Starts the same tree, then sleeps until it is stopped. */
    @Worker
    static void startTreeAndSleep(String marker) throws IOException, InterruptedException {
        startTree(marker);
        Thread.sleep(600_000);
    }

    /** Starts the same tree, then sleeps past any time limit. */
    @PoolTask
    static void startTreeAndOverrun(String marker) throws IOException, InterruptedException {
        startTree(marker);
        Thread.sleep(600_000);
    }

    /** The live processes on this machine whose command line carries {@code marker}. */
    static List<ProcessHandle> marked(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .filter(p -> !Support.hasExited(p.pid()))
                .collect(Collectors.toList());
    }

    /** Kills every process {@link #marked} by {@code marker}: a failed test leaves no strays. */
    static void killMarked(String marker) {
        for (ProcessHandle process : marked(marker)) {
            process.destroyForcibly();
        }
    }
}
