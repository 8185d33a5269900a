package io.multiprocessing4j.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Taking over from a dead owner, in one JVM: a token without a lease stands for a process that
 * has ended (the end-to-end tests kill real ones).
 */
@Timeout(30)
class RobustLockTest {

    /** A token no process of this program holds a lease for. */
    private static final int DEAD = Lease.TOKEN_LIMIT - 1;

    @Test
    void aLockHeldByADeadProcessIsTakenOverAndSaysSo() throws InterruptedException {
        Segment segment = Segment.create("test", 64);
        RobustLock lock = new RobustLock(segment, 16, false);
        Atomics.INT.setVolatile(segment.buffer(), 16, DEAD);
        long start = System.nanoTime();
        assertTrue(lock.lock(TimeUnit.SECONDS.toNanos(5), true));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis >= 150 && millis < 1000, "took over after " + millis + " ms");
        assertTrue(lock.acquiredFromDeadOwner());
        assertEquals(Lease.token(), lock.ownerToken());
        lock.unlock();
        assertFalse(lock.isLocked());
        assertFalse(Lease.isAlive(DEAD));
        assertTrue(Lease.isAlive(Lease.token()));
    }

    @Test
    void aReentrantLockRefusesAHoldBeyondTheLargestCountInsteadOfWrapping() throws InterruptedException {
        Segment segment = Segment.create("test", 64);
        RobustLock lock = new RobustLock(segment, 16, true);
        lock.lock(-1, false);
        lock.reacquire(lock.unlockFully() - 1 + Integer.MAX_VALUE); // as if taken 2^31 - 1 times
        assertEquals(Integer.MAX_VALUE, lock.holdCount());
        Error refused = assertThrows(Error.class, () -> lock.lock(-1, false));
        assertEquals("Maximum lock count exceeded", refused.getMessage());
        assertThrows(Error.class, lock::tryLock);
        assertEquals(Integer.MAX_VALUE, lock.holdCount(), "the holds are unchanged");
        lock.unlock();
        assertEquals(Integer.MAX_VALUE - 1, lock.holdCount());
        assertTrue(lock.tryLock());
        lock.unlockFully();
        assertFalse(lock.isLocked());
    }

    @Test
    void aSectionCutShortByADeathIsUndone() {
        Segment segment = Segment.create("test", 256);
        UndoLog log = new UndoLog(segment, 16, 4);
        int value = 200;
        Atomics.INT.setVolatile(segment.buffer(), value, 5);
        log.begin();
        log.putInt(value, 99);
        // the owner "dies" here: its token becomes one without a lease, its section stays open
        Atomics.INT.setVolatile(segment.buffer(), 16, DEAD);
        assertEquals(99, (int) Atomics.INT.getVolatile(segment.buffer(), value));
        log.begin();
        assertEquals(5, (int) Atomics.INT.getVolatile(segment.buffer(), value), "the dead section was rolled back");
        log.putInt(value, 6);
        log.commit();
        log.begin();
        assertEquals(6, (int) Atomics.INT.getVolatile(segment.buffer(), value), "a committed section stands");
        log.commit();
    }

    @Test
    void aTimedWaitForALiveOwnerReturnsOnTime() throws InterruptedException {
        Segment segment = Segment.create("test", 64);
        RobustLock lock = new RobustLock(segment, 16, false);
        assertTrue(lock.tryLock());
        Thread other = new Thread(() -> {
            try {
                // the process's first wait starts its native support and warm-up on another
                // thread; what is measured is a wait once the process is past its start
                lock.lock(TimeUnit.MILLISECONDS.toNanos(300), true);
                long start = System.nanoTime();
                long heldBackBefore = heldBackNanos();
                boolean taken = lock.lock(TimeUnit.MILLISECONDS.toNanos(120), true);
                long heldBack = TimeUnit.NANOSECONDS.toMillis(heldBackNanos() - heldBackBefore);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // on time: not early, and at most 50 ms late beyond the time the machine kept
                // this thread from a CPU (as the end-to-end tests' OnTime judges)
                if (taken || millis < 120 || millis - heldBack > 170) {
                    throw new AssertionError("taken " + taken + " after " + millis + " ms, " + heldBack
                            + " ms of it waiting for a CPU");
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        other.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        other.start();
        other.join();
        lock.unlock();
        assertEquals(null, failure.get());
    }

    /** How long this thread has been ready to run but kept from a CPU; 0 where the kernel does not say. */
    private static long heldBackNanos() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/thread-self/schedstat")).trim().split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
