package io.multiprocessing4j.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starting another JVM from a test, and waiting for processes to go. */
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
     * Waits until none of {@code pids} runs any more (see {@link Support#hasExited}), at most
     * {@code limit} in all.
     *
     * @return the time it took
     */
    static Duration awaitGone(List<Long> pids, Duration limit) {
        long start = System.nanoTime();
        Support.awaitTrue("processes " + pids + " have exited", limit,
                () -> pids.stream().allMatch(Support::hasExited));
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
