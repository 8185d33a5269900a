package io.multiprocessing4j.tests;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.annotations.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/** Small {@code @Worker} bodies for the ChildProcess life-cycle tests: each ends one way. */
public class Lifecycle {

    @Worker
    static void returnNormally() {
    }

    @Worker
    static void exitWith(int code) {
        System.exit(code);
    }

    @Worker
    static void throwUncaught(String message) {
        throw new IllegalStateException(message);
    }

    @Worker
    static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Sleeps, then says so on standard output: the parent-death tests look for the line. */
    @Worker
    static void sleepThenSay(long millis, String line) throws InterruptedException {
        Thread.sleep(millis);
        System.out.println(line);
    }

    /** Registers a shutdown hook that never finishes, then sleeps. */
    @Worker
    static void sleepWithStuckShutdownHook(long millis) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stuck-hook"));
        Thread.sleep(millis);
    }

    /** Prints numbered lines on both streams, and a last one without a newline on stdout. */
    @Worker
    static void print(String prefix, int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println(prefix + i);
            System.err.println(prefix + "err-" + i);
        }
        System.out.print(prefix + "end");
    }

    /** Prints {@code lines} lines of about 100 bytes on stdout as fast as it can, then returns. */
    @Worker
    static void flood(String prefix, int lines) {
        String padding = "x".repeat(80);
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            chunk.append(prefix).append(i).append(' ').append(padding).append('\n');
            if (chunk.length() > 60_000) {
                System.out.print(chunk);
                chunk.setLength(0);
            }
        }
        System.out.print(chunk);
        System.out.print(prefix + "end");
    }

    /** Starts a grandchild that reports its identity to {@code file}, and exits with its exit code. */
    @Worker
    static void startGrandchild(String grandchildName, String file) {
        ChildProcess grandchild = LifecycleWorkers.reportIdentity(file).name(grandchildName).start();
        grandchild.join();
        System.exit(grandchild.exitCode().orElse(99));
    }

    /**
     * Writes what the child knows about itself and its parent to {@code file}, one item a line:
     * current name, current pid, parent name, parent pid, the OS's pid of this JVM.
     */
    @Worker
    static void reportIdentity(String file) throws IOException {
        ProcessInfo self = Multiprocessing.currentProcess();
        ProcessInfo parent = Multiprocessing.parentProcess().orElse(null);
        Files.write(Paths.get(file), List.of(
                self.name(),
                Long.toString(self.pid()),
                parent == null ? "<no parent>" : parent.name(),
                parent == null ? "-1" : Long.toString(parent.pid()),
                Long.toString(ProcessHandle.current().pid())), StandardCharsets.UTF_8);
    }
}
