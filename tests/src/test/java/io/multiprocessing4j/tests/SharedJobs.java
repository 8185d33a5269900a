package io.multiprocessing4j.tests;

import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedDouble;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedIntArray;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedLong;
import io.multiprocessing4j.SharedMemory;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;

/** Bodies for the shared-state tests: each takes shared objects as ordinary arguments. */
public class SharedJobs {

    /** Adds one {@code n} times, atomically. */
    @Worker
    @PoolTask
    static int increment(SharedInt value, int n) {
        for (int i = 0; i < n; i++) {
            value.incrementAndGet();
        }
        return value.get();
    }

    /** Adds one {@code n} times to a plain read-then-write counter, under the lock: only the lock makes it exact. */
    @Worker
    @PoolTask
    static void incrementUnderLock(SharedLock lock, SharedLong counter, int n) {
        for (int i = 0; i < n; i++) {
            lock.lock();
            try {
                counter.set(counter.get() + 1);
            } finally {
                lock.unlock();
            }
        }
    }

    /** As {@link #incrementUnderLock}, with a reentrant lock taken twice each time. */
    @Worker
    static void incrementUnderRLock(SharedRLock lock, SharedLong counter, int n) {
        for (int i = 0; i < n; i++) {
            lock.lock();
            lock.lock();
            try {
                counter.set(counter.get() + 1);
            } finally {
                lock.unlock();
                lock.unlock();
            }
        }
    }

    /**
     * Takes the lock, says so through {@code held}, and dies holding it: {@code halt},
     * {@code exit}, or {@code hang} (to be killed with SIGKILL).
     */
    @Worker
    static void holdLockAndDie(SharedLock lock, SharedEvent held, String how) throws InterruptedException {
        lock.lock();
        held.set();
        die(how);
    }

    /** As {@link #holdLockAndDie}, for a reentrant lock held twice. */
    @Worker
    static void holdRLockAndDie(SharedRLock lock, SharedEvent held, String how) throws InterruptedException {
        lock.lock();
        lock.lock();
        held.set();
        die(how);
    }

    /** Takes {@code permits} permits, says so, and dies holding them. */
    @Worker
    static void holdPermitsAndDie(SharedSemaphore semaphore, int permits, SharedEvent held, String how)
            throws InterruptedException {
        for (int i = 0; i < permits; i++) {
            semaphore.acquire();
        }
        held.set();
        die(how);
    }

    private static void die(String how) throws InterruptedException {
        switch (how) {
            case "halt":
                Runtime.getRuntime().halt(3);
                break;
            case "exit":
                System.exit(3);
                break;
            default:
                Thread.sleep(600_000);
        }
    }

    /** Waits at the barrier; returns the arrival index. */
    @Worker
    @PoolTask
    static int awaitBarrier(SharedBarrier barrier) throws InterruptedException {
        return barrier.await(Duration.ofSeconds(30));
    }

    /** Says it has the barrier, then hangs (to be killed) without ever reaching it. */
    @Worker
    static void holdBarrierAndHang(SharedBarrier barrier, SharedEvent ready) throws InterruptedException {
        ready.set();
        Thread.sleep(600_000);
    }

    /** Waits for the event at most {@code millis}; returns whether it was set. */
    @PoolTask
    static boolean awaitEvent(SharedEvent event, long millis) throws InterruptedException {
        return event.await(Duration.ofMillis(millis));
    }

    /**
     * Records the id of the thread that is about to block (from {@code /proc/thread-self}), then
     * waits for the lock, releasing it at once.
     */
    @Worker
    static void blockOnLock(SharedLock lock, SharedInt threadId) throws IOException {
        threadId.set(Integer.parseInt(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString()));
        lock.lock();
        lock.unlock();
    }

    /** Records its thread as {@link #blockOnLock} does, then waits for the event. */
    @Worker
    static void blockOnEvent(SharedEvent event, SharedInt threadId) throws IOException, InterruptedException {
        threadId.set(Integer.parseInt(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString()));
        event.await();
    }

    /** Under the lock, waits on the condition until {@code flag} is non-zero; returns the flag. */
    @Worker
    @PoolTask
    static int awaitFlag(SharedLock lock, SharedCondition condition, SharedInt flag, SharedEvent waiting)
            throws InterruptedException {
        lock.lock();
        try {
            waiting.set();
            while (flag.get() == 0) {
                condition.await();
            }
            return flag.get();
        } finally {
            lock.unlock();
        }
    }

    /** Tries to unlock a lock this process does not hold; returns the exception's class and message. */
    @PoolTask
    static String unlockForeign(SharedLock lock) {
        try {
            lock.unlock();
            return "unlocked";
        } catch (IllegalMonitorStateException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The tutorial's {@code f(n, a)}: sets the value to pi and negates every element. */
    @Worker
    @PoolTask
    static void negate(SharedDouble number, SharedIntArray array) {
        number.set(3.1415927);
        for (int i = 0; i < array.length(); i++) {
            array.set(i, -array.get(i));
        }
    }

    /** Creates a shared int in this worker and returns it. */
    @PoolTask
    static SharedInt createInt(int initial) {
        return SharedInt.create(initial);
    }

    /** Waits briefly on the event (so that this process loads the futex support) and returns. */
    @PoolTask
    static void noopWith(SharedLock lock, SharedEvent event) throws InterruptedException {
        event.await(Duration.ofMillis(50));
        if (lock.tryLock()) {
            lock.unlock();
        }
    }

    /** Any value, back as it arrived: for parameters and results declared {@code Object}. */
    @Worker
    @PoolTask
    static Object echoObject(Object anything) {
        return anything;
    }

    /** Returns the same handle it was given. */
    @PoolTask
    static SharedLock echoLock(SharedLock lock) {
        return lock;
    }

    /** Writes {@code text}'s bytes at the start of the shared memory; returns its size. */
    @PoolTask
    static int writeBytes(SharedMemory memory, byte[] text) {
        ByteBuffer buffer = memory.buffer();
        buffer.put(text);
        return memory.size();
    }

    /** Whether this process can take the lock within {@code millis}. */
    @PoolTask
    static boolean tryLockFor(SharedLock lock, long millis) throws InterruptedException {
        if (lock.tryLock(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            lock.unlock();
            return true;
        }
        return false;
    }

    /** Releases the semaphore once; returns the exception's message if it refused. */
    @PoolTask
    static String release(SharedSemaphore semaphore) {
        try {
            semaphore.release();
            return "released";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
