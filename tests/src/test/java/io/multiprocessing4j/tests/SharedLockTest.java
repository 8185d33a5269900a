package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedLong;
import io.multiprocessing4j.SharedRLock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shared locks between real processes: mutual exclusion, ownership by a thread of a process, and
 * what Python cannot do: a lock whose holder dies is given back.
 */
@Timeout(120)
class SharedLockTest {

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    @Test
    void aLockMakesAPlainReadThenWriteExactAcrossProcesses() {
        SharedLock lock = SharedLock.create();
        SharedLong counter = SharedLong.create(0);
        ChildProcess a = started.start(SharedJobsWorkers.incrementUnderLock(lock, counter, 20_000));
        ChildProcess b = started.start(SharedJobsWorkers.incrementUnderLock(lock, counter, 20_000));
        SharedJobs.incrementUnderLock(lock, counter, 20_000);
        a.join();
        b.join();
        assertEquals(OptionalInt.of(0), a.exitCode());
        assertEquals(OptionalInt.of(0), b.exitCode());
        assertEquals(60_000, counter.get());
        assertFalse(lock.isLocked());
    }

    @Test
    void anRLockCountsHoldsAcrossProcesses() {
        SharedRLock lock = SharedRLock.create();
        SharedLong counter = SharedLong.create(0);
        ChildProcess a = started.start(SharedJobsWorkers.incrementUnderRLock(lock, counter, 20_000));
        ChildProcess b = started.start(SharedJobsWorkers.incrementUnderRLock(lock, counter, 20_000));
        a.join();
        b.join();
        assertEquals(40_000, counter.get());
        lock.lock();
        lock.lock();
        assertEquals(2, lock.holdCount());
        lock.unlock();
        assertTrue(lock.isHeldByCurrentThread());
        lock.unlock();
        assertEquals(0, lock.holdCount());
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    void onlyTheHoldingThreadMayUnlock() throws Exception {
        SharedLock lock = SharedLock.create();
        IllegalMonitorStateException free = assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(free.getMessage().contains("not locked"), free.getMessage());
        lock.lock();
        try (Pool pool = Pool.create(1)) {
            String there = pool.apply(SharedJobsTasks.unlockForeign(lock));
            assertTrue(there.startsWith("IllegalMonitorStateException: ") && there.contains("another process"), there);
            assertFalse(pool.apply(SharedJobsTasks.tryLockFor(lock, 100)));
        }
        Throwable otherThread = CompletableFuture.supplyAsync(() -> {
            try {
                lock.unlock();
                return null;
            } catch (IllegalMonitorStateException e) {
                return e;
            }
        }).get(10, TimeUnit.SECONDS);
        assertTrue(otherThread instanceof IllegalMonitorStateException, String.valueOf(otherThread));
        assertTrue(otherThread.getMessage().contains("another thread of this process"), otherThread.getMessage());
        assertTrue(lock.isHeldByCurrentThread());
        lock.unlock();
        assertFalse(lock.isLocked());
    }

    /**
     * The holder dies holding the lock: by {@code Runtime.halt}, by {@code System.exit}, or by
     * {@code SIGKILL}. The lock is free for this process within a second of the death.
     */
    @ParameterizedTest
    @ValueSource(strings = {"halt", "exit", "kill"})
    void aLockWhoseHolderDiesIsGivenBackWithinASecond(String how) throws Exception {
        SharedLock lock = SharedLock.create();
        SharedEvent held = SharedEvent.create();
        ChildProcess holder = started.start(SharedJobsWorkers.holdLockAndDie(lock, held, how));
        assertTrue(held.await(Duration.ofSeconds(30)), "the child took the lock");
        assertFalse(lock.tryLock());
        if (how.equals("kill")) {
            holder.kill();
        }
        Jvms.awaitGone(List.of(holder.pid()), Duration.ofSeconds(30));
        long dead = System.nanoTime();
        assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "the dead holder's lock was not given back");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead);
        System.out.println("lock of a holder that died by " + how + " given back " + millis + " ms after its death");
        assertTrue(millis <= 1000, "given back after " + millis + " ms");
        assertTrue(lock.previousHolderDied(), "the new holder learns that the last one died holding it");
        lock.unlock();
        assertFalse(lock.previousHolderDied());
        lock.lock();
        assertFalse(lock.previousHolderDied(), "an ordinary hold");
        lock.unlock();
    }

    @ParameterizedTest
    @ValueSource(strings = {"halt", "exit", "kill"})
    void anRLockHeldTwiceByADeadProcessIsGivenBackWholeWithinASecond(String how) throws Exception {
        SharedRLock lock = SharedRLock.create();
        SharedEvent held = SharedEvent.create();
        ChildProcess holder = started.start(SharedJobsWorkers.holdRLockAndDie(lock, held, how));
        assertTrue(held.await(Duration.ofSeconds(30)));
        assertFalse(OnTime.assertOnTime("tryLock(20 ms) of an RLock held elsewhere", 20,
                () -> lock.tryLock(20, TimeUnit.MILLISECONDS)));
        if (how.equals("kill")) {
            holder.kill();
        }
        Jvms.awaitGone(List.of(holder.pid()), Duration.ofSeconds(30));
        long dead = System.nanoTime();
        assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "the dead holder's RLock was not given back");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead);
        System.out.println("RLock of a holder that died by " + how + " given back " + millis + " ms after its death");
        assertTrue(millis <= 1000, "given back after " + millis + " ms");
        assertEquals(1, lock.holdCount());
        assertTrue(lock.previousHolderDied());
        lock.unlock();
        assertFalse(lock.isLocked());
    }

    @Test
    void aBlockedWaiterUsesNoCpuAndTakesTheLockWhenFree() throws Exception {
        SharedLock lock = SharedLock.create();
        io.multiprocessing4j.SharedInt thread = io.multiprocessing4j.SharedInt.create(0);
        lock.lock();
        ChildProcess waiter;
        try {
            waiter = started.start(SharedJobsWorkers.blockOnLock(lock, thread));
            Support.awaitTrue("the waiter sleeps", Duration.ofSeconds(30),
                    () -> thread.get() != 0 && Cpu.isSleeping(waiter.pid(), thread.get()));
            Cpu.assertIdle(waiter.pid(), thread.get(), Duration.ofSeconds(3));
        } finally {
            lock.unlock();
        }
        assertTrue(waiter.join(Duration.ofSeconds(30)), "the waiter took the lock once it was free");
        assertEquals(OptionalInt.of(0), waiter.exitCode());
    }

    @Test
    void timedWaitsReturnOnTimeAndInterruptsAreHonoured() throws Exception {
        SharedLock lock = SharedLock.create();
        SharedEvent held = SharedEvent.create();
        ChildProcess holder = started.start(SharedJobsWorkers.holdLockAndDie(lock, held, "hang"));
        assertTrue(held.await(Duration.ofSeconds(30)));
        for (long millis : new long[] {0, 20, 150, 400}) {
            assertFalse(OnTime.assertOnTime("tryLock(" + millis + " ms)", millis,
                    () -> lock.tryLock(millis, TimeUnit.MILLISECONDS)));
        }
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, lock::lockInterruptibly);
        assertFalse(Thread.currentThread().isInterrupted());
        CompletableFuture<Long> interrupted = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicLong tid = new java.util.concurrent.atomic.AtomicLong();
        Thread waiter = new Thread(() -> {
            try {
                tid.set(Cpu.currentThreadId());
                lock.lockInterruptibly();
                interrupted.completeExceptionally(new AssertionError("took a held lock"));
            } catch (InterruptedException e) {
                interrupted.complete(System.nanoTime());
            }
        });
        waiter.start();
        // the interrupt must reach a thread asleep in the kernel, not one still spinning
        Support.awaitTrue("the thread sleeps in the kernel", Duration.ofSeconds(10),
                () -> tid.get() != 0 && Cpu.isSleeping(ProcessHandle.current().pid(), tid.get()));
        long interruptAt = System.nanoTime();
        waiter.interrupt();
        long noticed = interrupted.get(10, TimeUnit.SECONDS) - interruptAt;
        assertTrue(TimeUnit.NANOSECONDS.toMillis(noticed) <= 100, "noticed after " + noticed / 1_000_000 + " ms");
        holder.kill();
    }
}
