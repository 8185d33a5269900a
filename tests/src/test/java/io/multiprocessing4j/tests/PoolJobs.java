package io.multiprocessing4j.tests;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.annotations.PoolTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Pool tasks for the tests: each does one thing a real task might do, good or bad. */
public final class PoolJobs {

    /** How often the initializer ran in this worker JVM. */
    static int initializations;

    private PoolJobs() {}

    @PoolTask
    static int square(int x) {
        return x * x;
    }

    @PoolTask
    static int add(int a, int b) {
        return a + b;
    }

    @PoolTask
    static void noop() {}

    @PoolTask
    static int sleepThenSquare(int millis, int x) throws InterruptedException {
        Thread.sleep(millis);
        return x * x;
    }

    /** Who ran this: the worker's pid. */
    @PoolTask
    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Who ran this item: "pid:item". */
    @PoolTask
    static String pidAndItem(int item) {
        return ProcessHandle.current().pid() + ":" + item;
    }

    @PoolTask
    static String workerName() {
        return Multiprocessing.currentProcess().name();
    }

    /** This worker's pid and how often its initializer ran, "pid:count". */
    @PoolTask
    static String initializationsHere() {
        return ProcessHandle.current().pid() + ":" + initializations;
    }

    @PoolTask
    static void countInitialization() {
        initializations++;
    }

    @PoolTask
    static void announceStart() {
        initializations++;
        System.out.println("Starting " + Multiprocessing.currentProcess().name());
    }

    @PoolTask
    static void failingInitializer() {
        throw new IllegalStateException("no database here");
    }

    @PoolTask
    static void exitingInitializer() {
        System.exit(4);
    }

    @PoolTask
    static int divide(int a, int b) {
        return a / b;
    }

    @PoolTask
    static int failWith(String message) {
        throw new IllegalArgumentException(message);
    }

    /** Throws an exception that can be neither serialized nor rebuilt from a message. */
    @PoolTask
    static int failUnrebuildably(String message) {
        throw new Unrebuildable(message);
    }

    @PoolTask
    static int halt(int code) {
        Runtime.getRuntime().halt(code);
        return -1;
    }

    @PoolTask
    static int exit(int code) {
        System.exit(code);
        return -1;
    }

    /** Allocates until the heap runs out. */
    @PoolTask
    static int exhaustHeap() {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }

    /** Halts the worker for every 50th item, squares the others: the soak test's mix. */
    @PoolTask
    static int squareOrHaltEvery50th(int x) {
        if (x % 50 == 49) {
            Runtime.getRuntime().halt(13);
        }
        return x * x;
    }

    /** Creates {@code dir/name}, so a test can see that this task ran, then sleeps. */
    @PoolTask
    static int markThenSleep(String dir, int item, int millis) throws InterruptedException {
        try {
            Files.createFile(Paths.get(dir, "ran-" + item));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.sleep(millis);
        return item;
    }

    @PoolTask
    static byte[] identity(byte[] bytes) {
        return bytes;
    }

    /** Returns something that cannot be sent back. */
    @PoolTask
    static java.io.Serializable unsendable() {
        return new HoldsAThread();
    }

    static boolean ran(Path dir, int item) {
        return Files.exists(dir.resolve("ran-" + item));
    }

    /** Not serializable (a Thread field) and no (String) constructor. */
    static final class Unrebuildable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        private final Thread thread = new Thread();

        Unrebuildable(String message) {
            super(message, null);
        }

        Thread thread() {
            return thread;
        }
    }

    /** Serializable in name only. */
    static final class HoldsAThread implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        final Thread thread = new Thread();
    }
}
