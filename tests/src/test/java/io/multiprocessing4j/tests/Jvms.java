package io.multiprocessing4j.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Starting another JVM from a test, and waiting on processes with a deadline. */
final class Jvms {

    private Jvms() {}

    /** Starts {@code main} in a fresh JVM with this JVM's classpath; its stderr goes to ours. */
    static Process start(Class<?> main, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads lines from the process's stdout until one equals {@code marker}; returns those before it. */
    static List<String> readUntil(Process process, String marker) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals(marker)) {
                return lines;
            }
            lines.add(line);
        }
        throw new IOException("the process ended before printing " + marker + "; it printed " + lines);
    }

    /**
     * Waits until {@code condition} holds, checking it every millisecond, at most {@code limit}.
     * For conditions nothing can notify us of, such as a file a child creates.
     */
    static void awaitTrue(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + limit + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Waits until none of {@code pids} is a running process, at most {@code limit}.
     *
     * @return the time it took
     */
    static Duration awaitGone(List<Long> pids, Duration limit) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(process -> exits.add(process.onExit()));
        }
        try {
            CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0]))
                    .get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("still running after " + limit + ": " + pids, e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
