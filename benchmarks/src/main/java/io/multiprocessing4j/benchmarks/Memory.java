package io.multiprocessing4j.benchmarks;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.internal.launch.Spares;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Peak resident memory ({@code VmHWM} of {@code /proc/PID/status}, so Linux only) of an idle
 * child, of the spare JVM that replaces it when it ends (warm start), and of the parent and each
 * worker after {@code map_1M_default_chunks}'s workload. Printed by {@code --memory}, one line
 * per figure, in kB.
 */
final class Memory {

    private Memory() {}

    static void print() throws IOException {
        ChildProcess idle = WorkloadsWorkers.sleep(30_000).start();
        try {
            idle.join(Duration.ofSeconds(1));
            line("memory_idle_child", peakKb(idle.pid()));
        } finally {
            idle.kill();
            idle.join();
        }
        try {
            if (Spares.awaitSettled(TimeUnit.SECONDS.toNanos(60)) > 0) {
                line("memory_spare", peakKb(Spares.pids().get(0)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Pool pool = Pool.create(2)) {
            pool.apply(WorkloadsTasks.noop());
            List<Long> workers = new ArrayList<>();
            for (ProcessInfo child : Multiprocessing.activeChildren()) {
                workers.add(child.pid());
            }
            pool.map(WorkloadsTasks::twice, new Range(1_000_000));
            line("memory_map_1M_parent", peakKb(ProcessHandle.current().pid()));
            for (int i = 0; i < workers.size(); i++) {
                line("memory_map_1M_worker_" + (i + 1), peakKb(workers.get(i)));
            }
        }
    }

    private static void line(String name, long kb) {
        System.out.println(name + " " + kb + " kB");
    }

    private static long peakKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmHWM for process " + pid);
    }
}
