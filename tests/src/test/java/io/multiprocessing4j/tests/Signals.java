package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stopping and continuing another process ({@code SIGSTOP}, {@code SIGCONT}): how a test makes
 * sure that something happens while a process cannot run, as a descheduled one could not.
 */
final class Signals {

    private Signals() {}

    /** Sends {@code SIG<name>} to {@code pid} with {@code kill}. */
    static void send(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
    }

    /** Stops {@code pid} and waits until every thread of it is stopped. */
    static void stop(long pid) throws IOException, InterruptedException {
        send("STOP", pid);
        Support.awaitTrue("process " + pid + " is stopped", Duration.ofSeconds(30), () -> isStopped(pid));
    }

    /** Whether every thread of {@code pid} is stopped by a signal (state T in {@code /proc}). */
    static boolean isStopped(long pid) {
        try (Stream<Path> tasks = Files.list(Paths.get("/proc", Long.toString(pid), "task"))) {
            return tasks.allMatch(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
                } catch (IOException e) {
                    return true; // the thread has ended
                }
            });
        } catch (IOException e) {
            return false;
        }
    }
}
