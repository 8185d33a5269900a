package io.multiprocessing4j.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
        return startCopyingStderr(new ProcessBuilder(command));
    }

    /**
     * Starts {@code builder}'s process with its stderr copied to {@code System.err}, looked up at
     * each write as the runtime does for children, so that {@link OutputOnFailure} holds it back
     * with the rest of the test's output. An inherited stderr would bypass it.
     */
    static Process startCopyingStderr(ProcessBuilder builder) throws IOException {
        Process process = builder.redirectError(ProcessBuilder.Redirect.PIPE).start();
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = process.getErrorStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    System.err.write(buffer, 0, n);
                    System.err.flush();
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "stderr of pid " + process.pid());
        copier.setDaemon(true);
        copier.start();
        return process;
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
