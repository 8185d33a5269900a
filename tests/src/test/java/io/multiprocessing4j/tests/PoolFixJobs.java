package io.multiprocessing4j.tests;

import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.annotations.PoolTask;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/** Pool tasks for the pool's deadline, codec and diagnostics tests: each breaks one promise. */
public final class PoolFixJobs {

    private PoolFixJobs() {}

    @PoolTask
    static int sleepThenReturn(int value, long millis) throws InterruptedException {
        Thread.sleep(millis);
        return value;
    }

    /**
     * Spins in compiled counted loops that have no safepoint poll (the default serial collector
     * of a worker does not ask for one), so a {@code Runtime.halt} in this JVM waits for ever.
     */
    @PoolTask
    static long spinWithoutSafepoints(int seed) {
        long sum = seed;
        for (int i = 0; i < Integer.MAX_VALUE; i++) {
            for (int j = 0; j < Integer.MAX_VALUE; j++) {
                sum += i ^ j;
            }
        }
        return sum;
    }

    /** A value whose serialization throws an {@code Error}. */
    static final class ThrowsWhenWritten implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) {
            throw new AssertionError("writeObject refuses");
        }
    }

    /** A value whose deserialization throws an {@code Error}, wherever it is read. */
    static final class ThrowsWhenRead implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            throw new AssertionError("readObject refuses");
        }

        @Override
        public String toString() {
            return "ThrowsWhenRead";
        }
    }

    /** An exception whose message and cause cannot be had. */
    static final class BadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new AssertionError("getMessage refuses");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause refuses");
        }
    }

    @PoolTask
    static Object unwritableResult() {
        return new ThrowsWhenWritten();
    }

    @PoolTask
    static Object unreadableResult() {
        return new ThrowsWhenRead();
    }

    @PoolTask
    static int throwBadException() {
        throw new BadException();
    }

    @PoolTask
    static int takeUnreadable(Object value) {
        return 1;
    }

    @PoolTask
    static void sleepForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Says it has begun by setting {@code running}, then sleeps until its worker is halted. */
    @PoolTask
    static void sleepForeverOnceRunning(SharedEvent running) throws InterruptedException {
        running.set();
        Thread.sleep(Long.MAX_VALUE);
    }

    @PoolTask
    static int identity(int value) {
        return value;
    }
}
