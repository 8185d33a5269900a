package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.ManagerGoneException;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A manager's queues, locks, rlocks, events, semaphores, barriers and ints: their semantics over
 * the server, timed waits, interrupts, handles in other processes, and what a client's or the
 * server's death does.
 */
@Timeout(180)
class ManagerSyncTest {

    /** How late a timed wait may return: the brief's 50 ms, plus slack for a loaded machine. */
    private static final long LATE_MILLIS = 250;

    private final Support.Started started = new Support.Started();
    private final List<Manager> managers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        managers.forEach(Manager::close);
        started.killAll();
    }

    private Manager start() {
        Manager manager = Manager.start();
        managers.add(manager);
        return manager;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Runs {@code body} on a new thread, interrupts it after {@code after}, and returns what it threw. */
    private static Throwable interruptedAfter(Duration after, Callable body) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.call();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        thread.start();
        Thread.sleep(after.toMillis()); // lets the call reach its wait on the server
        long start = System.nanoTime();
        thread.interrupt();
        thread.join(10_000);
        assertFalse(thread.isAlive(), "the interrupted call did not end");
        assertTrue(millisSince(start) < 2_000, "the interrupt took " + millisSince(start) + " ms");
        return thrown.get();
    }

    interface Callable {
        void call() throws Exception;
    }

    @Test
    void aQueueIsFifoBoundedJoinableAndTimedWaitsReturnOnTime() throws Exception {
        Manager manager = start();
        SharedQueue<Object> q = manager.queue(2, null);
        assertTrue(q.offer("a"));
        assertTrue(q.offer(List.of(1, 2)));
        assertFalse(q.offer("c"), "a bounded queue refuses beyond its capacity");
        long start = System.nanoTime();
        assertFalse(q.offer("c", Duration.ofMillis(300)));
        long waited = millisSince(start);
        assertTrue(waited >= 300 && waited < 300 + LATE_MILLIS, "offer waited " + waited + " ms");
        assertEquals(2, q.size());
        assertEquals("a", q.take());
        assertEquals(List.of(1, 2), q.poll());
        assertNull(q.poll());
        start = System.nanoTime();
        assertNull(q.poll(Duration.ofMillis(300)));
        waited = millisSince(start);
        assertTrue(waited >= 300 && waited < 300 + LATE_MILLIS, "poll waited " + waited + " ms");
        assertFalse(q.join(Duration.ofMillis(50)), "two items are not done");
        q.taskDone();
        q.taskDone();
        assertTrue(q.join(Duration.ofMillis(50)));
        assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(q.toString().contains("of at most 2"), q.toString());
        assertThrows(IllegalArgumentException.class, () -> q.put(new Object()));
        assertEquals(0, q.size(), "an item that cannot be encoded is not put");
    }

    @Test
    void aQueueCarriesItemsBetweenProcessesAndItsWaitingTakeIsInterruptible() throws Exception {
        Manager manager = start();
        SharedQueue<Integer> in = manager.queue();
        SharedQueue<Integer> out = manager.queue("results");
        assertEquals(out, manager.queue("results"), "the named form finds the same queue");
        assertNotEquals(in, out);
        ChildProcess child = started.start(ManagerSyncJobsWorkers.doubler(in, out));
        for (int i = 1; i <= 100; i++) {
            in.put(i);
        }
        in.put(-1);
        for (int i = 1; i <= 100; i++) {
            assertEquals(2 * i, out.poll(Duration.ofSeconds(60)));
        }
        assertTrue(child.join(Duration.ofSeconds(60)));
        assertEquals(0, child.exitCode().getAsInt());
        Throwable thrown = interruptedAfter(Duration.ofMillis(300), in::take);
        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
        in.put(7);
        assertEquals(7, in.poll(Duration.ofSeconds(10)), "the cancelled take took nothing");
    }

    @Test
    void aLockIsOwnedByAThreadAndTimedTriesReturnOnTime() throws Exception {
        Manager manager = start();
        SharedLock lock = manager.lock();
        lock.lock();
        assertTrue(lock.isLocked());
        assertTrue(lock.isHeldByCurrentThread());
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
            assertFalse(lock.isHeldByCurrentThread());
            assertThrows(IllegalMonitorStateException.class, lock::unlock);
            long start = System.nanoTime();
            try {
                boolean got = lock.tryLock(300, TimeUnit.MILLISECONDS);
                long waited = millisSince(start);
                assertTrue(waited >= 300 && waited < 300 + LATE_MILLIS, "tryLock waited " + waited + " ms");
                return got || lock.tryLock();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertFalse(other.get(60, TimeUnit.SECONDS), "another thread cannot take a held lock");
        try (Pool pool = Pool.create(1)) {
            assertEquals(IllegalMonitorStateException.class.getName(), pool.apply(ManagerSyncJobsTasks.unlockForeign(lock)),
                    "another process cannot unlock it");
        }
        Throwable thrown = interruptedAfter(Duration.ofMillis(300), lock::lockInterruptibly);
        // the holder is this test's thread: another thread's lockInterruptibly waits, and an interrupt ends it
        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
        lock.unlock();
        assertFalse(lock.isLocked());
        assertTrue(lock.tryLock());
        lock.unlock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        manager.dict("x");
        assertThrows(IllegalStateException.class, () -> manager.lock("x"), "a name is one object of one kind");
    }

    @Test
    void anRLockCountsHolds() throws Exception {
        Manager manager = start();
        SharedRLock lock = manager.rlock("r");
        lock.lock();
        lock.lock();
        assertEquals(2, lock.holdCount());
        lock.unlock();
        assertEquals(1, lock.holdCount());
        assertTrue(CompletableFuture.supplyAsync(() -> !manager.rlock("r").tryLock()).get(60, TimeUnit.SECONDS));
        lock.unlock();
        assertFalse(lock.isLocked());
    }

    @Test
    void aLockAndPermitsHeldByAKilledClientAreGivenBackAndOthersGoOn() throws Exception {
        Manager manager = start();
        SharedLock lock = manager.lock();
        SharedSemaphore semaphore = manager.semaphore(3);
        SharedEvent lockHeld = manager.event();
        SharedEvent permitsHeld = manager.event();
        ChildProcess holder = started.start(ManagerSyncJobsWorkers.holdLock(lock, lockHeld));
        ChildProcess taker = started.start(ManagerSyncJobsWorkers.holdPermits(semaphore, 2, permitsHeld));
        assertTrue(lockHeld.await(Duration.ofSeconds(60)));
        assertTrue(permitsHeld.await(Duration.ofSeconds(60)));
        assertFalse(lock.tryLock());
        assertEquals(1, semaphore.availablePermits());
        Map<String, Integer> d = manager.dict("undisturbed");
        d.put("before", 1);

        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            lock.lock();
            try {
                return lock.previousHolderDied();
            } finally {
                lock.unlock();
            }
        });
        Thread.sleep(200); // lets the waiter wait on the server
        long start = System.nanoTime();
        holder.kill();
        assertTrue(waiter.get(30, TimeUnit.SECONDS), "the next holder is told the last one died");
        assertTrue(millisSince(start) < 5_000, "the lock came back after " + millisSince(start) + " ms");
        taker.kill();
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(30)));
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(30)));
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(30)), "the killed client's two permits came back");
        assertEquals(0, semaphore.availablePermits());
        assertEquals(1, d.get("before"), "other objects and clients are not disturbed");
        assertTrue(lock.tryLock());
        assertFalse(lock.previousHolderDied(), "only the hold after the death says so");
        lock.unlock();
    }

    @Test
    void anEventWakesWaitersInOtherProcessesAndTimedAwaitsReturnOnTime() throws Exception {
        Manager manager = start();
        SharedEvent event = manager.event();
        assertFalse(event.isSet());
        long start = System.nanoTime();
        assertFalse(event.await(Duration.ofMillis(300)));
        long waited = millisSince(start);
        assertTrue(waited >= 300 && waited < 300 + LATE_MILLIS, "await waited " + waited + " ms");
        started.start(ManagerSyncJobsWorkers.set(event));
        event.await();
        assertTrue(event.isSet());
        event.clear();
        assertFalse(event.isSet());
        Throwable thrown = interruptedAfter(Duration.ofMillis(300), event::await);
        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
    }

    @Test
    void aSemaphoreCountsPermits() throws Exception {
        Manager manager = start();
        SharedSemaphore semaphore = manager.semaphore(1);
        semaphore.acquire();
        assertFalse(semaphore.tryAcquire());
        long start = System.nanoTime();
        assertFalse(semaphore.tryAcquire(Duration.ofMillis(300)));
        long waited = millisSince(start);
        assertTrue(waited >= 300 && waited < 300 + LATE_MILLIS, "tryAcquire waited " + waited + " ms");
        Throwable thrown = interruptedAfter(Duration.ofMillis(300), semaphore::acquire);
        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
        semaphore.release();
        semaphore.release();
        assertEquals(2, semaphore.availablePermits(), "the cancelled acquire took nothing");
        assertThrows(IllegalArgumentException.class, () -> manager.semaphore(-1));
    }

    @Test
    void aBarrierPassesWithAChildAndBreaksWhenAWaiterIsKilled() throws Exception {
        Manager manager = start();
        SharedBarrier barrier = manager.barrier(2);
        assertEquals(2, barrier.parties());
        SharedEvent arriving = manager.event();
        ChildProcess child = started.start(ManagerSyncJobsWorkers.awaitBarrier(barrier, arriving));
        int index = barrier.await(Duration.ofSeconds(60));
        assertTrue(index == 0 || index == 1);
        assertTrue(child.join(Duration.ofSeconds(60)));
        assertEquals(0, child.exitCode().getAsInt());

        long start = System.nanoTime();
        assertThrows(BarrierBrokenException.class, () -> barrier.await(Duration.ofMillis(300)));
        long waited = millisSince(start);
        assertTrue(waited >= 300 && waited < 300 + LATE_MILLIS, "await waited " + waited + " ms");
        assertTrue(barrier.isBroken(), "a timeout breaks it");
        assertThrows(BarrierBrokenException.class, barrier::await);
        barrier.reset();
        assertFalse(barrier.isBroken());

        arriving.clear();
        ChildProcess killed = started.start(ManagerSyncJobsWorkers.awaitBarrier(barrier, arriving));
        assertTrue(arriving.await(Duration.ofSeconds(60)));
        Support.awaitTrue("the child waits at the barrier", Duration.ofSeconds(60), () -> barrier.numberWaiting() == 1);
        killed.kill();
        Support.awaitTrue("a waiter's death breaks the round", Duration.ofSeconds(10), barrier::isBroken);
        barrier.reset();
        barrier.abort();
        assertThrows(BarrierBrokenException.class, barrier::await);
    }

    @Test
    void anIntIsAtomicAcrossPoolTasksAndTravelsBackAsTheSameInt() throws Exception {
        Manager manager = start();
        SharedInt value = manager.intValue(5);
        try (Pool pool = Pool.create(2)) {
            List<SharedInt> back = pool.map(n -> ManagerSyncJobsTasks.increment(value, n), List.of(100, 100, 100, 100));
            assertEquals(405, value.get());
            for (SharedInt returned : back) {
                assertEquals(value, returned);
            }
        }
        assertEquals(410, value.addAndGet(5));
        assertTrue(value.compareAndSet(410, 1));
        assertEquals(3, value.updateAndGet(x -> x + 2));
        assertEquals("3", value.toString());
        assertNotEquals(value, manager.intValue(0), "a new int is another object");
        SharedInt named = manager.intValue(9, "n");
        assertEquals(9, manager.intValue(0, "n").get(), "an existing named int keeps its value");
        assertEquals(named, manager.intValue(0, "n"));
    }

    @Test
    void aServerKilledDuringABlockingCallFailsItPromptly() throws Exception {
        Manager manager = start();
        SharedQueue<String> q = manager.queue();
        SharedLock lock = manager.lock();
        lock.lock();
        CompletableFuture<Throwable> take = CompletableFuture.supplyAsync(() -> {
            try {
                q.take();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        CompletableFuture<Throwable> locking = CompletableFuture.supplyAsync(() -> {
            try {
                lock.lock();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(300); // lets both calls wait on the server
        ProcessInfo server = Multiprocessing.activeChildren().stream()
                .filter(p -> manager.toString().contains("pid " + p.pid())).findFirst().orElseThrow();
        long start = System.nanoTime();
        ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(take.get(30, TimeUnit.SECONDS) instanceof ManagerGoneException, String.valueOf(take.join()));
        assertTrue(locking.get(30, TimeUnit.SECONDS) instanceof ManagerGoneException, String.valueOf(locking.join()));
        assertTrue(millisSince(start) < 5_000, "the calls failed after " + millisSince(start) + " ms");
    }

    @Test
    void aClientThatDisconnectsGivesBackItsLockAndPermits() throws Exception {
        byte[] key = "a key for this test".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Manager server = Manager.builder().authkey(key).start();
        managers.add(server);
        Manager other = Manager.connect(server.address(), key);
        managers.add(other);
        SharedLock lock = other.lock("l");
        SharedSemaphore semaphore = other.semaphore(1, "s");
        lock.lock();
        semaphore.acquire();
        SharedLock mine = server.lock("l");
        assertFalse(mine.tryLock());
        assertFalse(server.semaphore(1, "s").tryAcquire());
        other.close();
        assertTrue(mine.tryLock(10, TimeUnit.SECONDS), "the disconnected client's lock is released");
        assertTrue(mine.previousHolderDied());
        mine.unlock();
        assertTrue(server.semaphore(1, "s").tryAcquire(Duration.ofSeconds(10)), "and its permit given back");
        assertThrows(ManagerGoneException.class, lock::tryLock, "the closed client's proxies fail");
    }

    @Test
    void aReleaseByAnotherClientIsStruckOffTheHoldersRecordSoItsEndCreatesNoPermit() throws Exception {
        byte[] key = "another key for this test".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Manager server = Manager.builder().authkey(key).start();
        managers.add(server);
        Manager holder = Manager.connect(server.address(), key);
        managers.add(holder);
        Manager releaser = Manager.connect(server.address(), key);
        managers.add(releaser);
        // a lock-like semaphore: taken by one client, given back by another that took nothing
        SharedSemaphore mutex = server.semaphore(1, "mutex");
        holder.semaphore(1, "mutex").acquire();
        releaser.semaphore(1, "mutex").release();
        assertEquals(1, mutex.availablePermits());
        // a semaphore that signals: made with none, released by one client, taken by another
        SharedSemaphore signal = server.semaphore(0, "signal");
        releaser.semaphore(0, "signal").release();
        assertTrue(holder.semaphore(0, "signal").tryAcquire());
        // a permit the holder keeps, which its end must give back
        SharedSemaphore kept = server.semaphore(2, "kept");
        holder.semaphore(2, "kept").acquire();
        assertEquals(1, kept.availablePermits());
        holder.close();
        Support.awaitTrue("the holder's kept permit comes back", Duration.ofSeconds(30),
                () -> kept.availablePermits() == 2);
        assertEquals(1, mutex.availablePermits(), "the permit released for the holder is not given back twice");
        assertEquals(0, signal.availablePermits(), "a signal taken is not given back");
        assertTrue(mutex.tryAcquire());
        assertFalse(mutex.tryAcquire(), "one permit, one holder");
    }

    @Test
    void anInterruptedBarrierWaitBreaksTheRoundForTheOthers() throws Exception {
        Manager manager = start();
        SharedBarrier barrier = manager.barrier(3);
        CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
            try {
                barrier.await(Duration.ofSeconds(60));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Support.awaitTrue("the other thread waits", Duration.ofSeconds(30), () -> barrier.numberWaiting() == 1);
        Throwable thrown = interruptedAfter(Duration.ofMillis(300), barrier::await);
        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
        assertTrue(other.get(30, TimeUnit.SECONDS) instanceof BarrierBrokenException, String.valueOf(other.join()));
        assertTrue(barrier.isBroken());
    }

    @Test
    void aBlockedPutAndJoinAreInterruptibleAndAnItemPutIsNotLost() throws Exception {
        Manager manager = start();
        SharedQueue<Integer> q = manager.queue(1, null);
        q.put(1);
        Throwable thrown = interruptedAfter(Duration.ofMillis(300), () -> q.put(2));
        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
        thrown = interruptedAfter(Duration.ofMillis(300), q::join);
        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
        assertEquals(1, q.size(), "the interrupted put put nothing");
        assertEquals(1, q.take());
    }
}
