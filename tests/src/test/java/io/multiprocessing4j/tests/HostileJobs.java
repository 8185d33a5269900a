package io.multiprocessing4j.tests;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLongArray;
import io.multiprocessing4j.annotations.PoolTask;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Pool tasks a hostile user writes (issue 7): tasks that end at their deadline, halt mid-chunk,
 * spin where the JVM cannot stop them, hang in the initializer, or hand the codec a value whose
 * serialization hooks throw an {@code Error}.
 */
public final class HostileJobs {

    private HostileJobs() {}

    /**
     * The initializer of {@link StartedWorkers}: leaves a file named after this worker and its pid
     * in {@code dir}, so a test counts the workers a pool started.
     */
    @PoolTask
    static void recordStart(String dir) {
        try {
            Files.createFile(Paths.get(dir, Multiprocessing.currentProcess().name() + "-"
                    + ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An initializer that records its worker, as {@link #recordStart}, and then never returns. */
    @PoolTask
    static void recordThenHang(String dir) throws InterruptedException {
        recordStart(dir);
        Thread.sleep(Long.MAX_VALUE);
    }

    @PoolTask
    static int sleepThenSquare(int millis, int x) throws InterruptedException {
        Thread.sleep(millis);
        return x * x;
    }

    @PoolTask
    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Squares {@code x}, except that the worker halts with exit code 3 at {@code x == at}. */
    @PoolTask
    static int haltAt(int x, int at) {
        if (x == at) {
            Runtime.getRuntime().halt(3);
        }
        return x * x;
    }

    /**
     * Squares {@code x}, except at {@code x == at}: there it records this worker's pid in
     * {@code where[0]}, sets {@code arrived}, and waits to be killed from outside.
     */
    @PoolTask
    static int squareOrAwaitKill(int x, int at, SharedLongArray where, SharedEvent arrived) throws InterruptedException {
        if (x == at) {
            where.set(0, ProcessHandle.current().pid());
            arrived.set();
            Thread.sleep(Long.MAX_VALUE);
        }
        return x * x;
    }

    @PoolTask
    static int halt(int code) {
        Runtime.getRuntime().halt(code);
        return -1;
    }

    /**
     * Spins in counted {@code int} loops for far longer than any test waits. C2 compiles counted
     * loops without safepoint polls when the collector does not ask for them (Serial, Parallel), so
     * in such a JVM even {@code Runtime.halt} waits for this to end: only SIGKILL stops it.
     */
    @PoolTask
    static long spinCounted() {
        long sum = 0;
        for (int i = 0; i < Integer.MAX_VALUE; i++) {
            for (int j = 0; j < Integer.MAX_VALUE; j++) {
                sum += (i ^ j) * 31L + (sum >>> 7);
            }
        }
        return sum;
    }

    /** Returns a result the worker cannot encode: its {@code writeObject} throws an Error. */
    @PoolTask
    static UnwritableResult unwritableResult(int x) {
        return new UnwritableResult(x);
    }

    /** Returns a result the parent cannot decode: its {@code readObject} throws an Error there. */
    @PoolTask
    static UnreadableInParent unreadableInParent(int x) {
        return new UnreadableInParent(x);
    }

    /** Throws an {@code Error} where a caller expects exceptions. */
    @PoolTask
    static int throwError(int x) {
        throw new AssertionError("an Error from task " + x);
    }

    /** Throws an exception whose {@code getMessage()} throws an Error. */
    @PoolTask
    static int throwMessageBomb(int x) {
        throw new MessageBomb();
    }

    /** Throws an exception whose {@code getCause()} throws an Error. */
    @PoolTask
    static int throwCauseBomb(int x) {
        throw new CauseBomb();
    }

    /** Takes an argument the worker cannot decode: its {@code readObject} throws an Error there. */
    @PoolTask
    static int swallow(UnreadableInChild argument) {
        return argument.value;
    }

    /** A result whose serialization throws {@code AssertionError}, wherever it is written. */
    static final class UnwritableResult implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;

        UnwritableResult(int value) {
            this.value = value;
        }

        private void writeObject(ObjectOutputStream out) {
            throw new AssertionError("writeObject of UnwritableResult(" + value + ") exploded");
        }
    }

    /** A result whose deserialization throws {@code AssertionError} in the main process only. */
    static final class UnreadableInParent implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;

        UnreadableInParent(int value) {
            this.value = value;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (Multiprocessing.parentProcess().isEmpty()) {
                throw new AssertionError("readObject of UnreadableInParent(" + value + ") exploded in the parent");
            }
        }
    }

    /** An argument whose deserialization throws {@code AssertionError} in a child only. */
    static final class UnreadableInChild implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;

        UnreadableInChild(int value) {
            this.value = value;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (Multiprocessing.parentProcess().isPresent()) {
                throw new AssertionError("readObject of UnreadableInChild(" + value + ") exploded in the child");
            }
        }

        @Override
        public String toString() {
            return "UnreadableInChild(" + value + ")";
        }
    }

    /** An exception that cannot say what it is: {@code getMessage()} throws. */
    static final class MessageBomb extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new AssertionError("getMessage exploded");
        }
    }

    /** An exception that cannot say why: {@code getCause()} throws. */
    static final class CauseBomb extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CauseBomb() {
            super("a cause bomb");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new AssertionError("getCause exploded");
        }
    }
}
