package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedRLock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A manager's conditions: served by the server beside their lock, awaited and signalled from
 * other processes and other clients, timed, interrupted, misused, and a waiter killed as it waits.
 */
@Timeout(180)
class ManagerConditionTest {

    /** How late a timed wait may return: the brief's 50 ms, plus slack for a loaded machine. */
    private static final long LATE_MILLIS = 250;

    private final Support.Started started = new Support.Started();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        started.killAll();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Returns once whoever counted itself in {@code waiting} (under {@code lock}) reached
     * {@code count} and is inside await: each counted itself holding the lock, and only await
     * lets go of it, so once this thread has held it, all of them wait on the server.
     */
    private static void awaitWaiting(java.util.concurrent.locks.Lock lock, SharedInt waiting, int count)
            throws InterruptedException {
        Support.awaitTrue(count + " waiting", Duration.ofSeconds(60), () -> waiting.get() >= count);
        assertTrue(lock.tryLock(60, TimeUnit.SECONDS), "the waiters let go of the lock");
        lock.unlock();
    }

    /** Runs {@code body} on a thread of its own (not the common pool, which a loaded machine may starve). */
    private static <T> CompletableFuture<T> onThread(Body<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(body.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "condition-test");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    interface Body<T> {
        T run() throws Exception;
    }

    @Test
    void childrenAwaitWithEveryHoldReleasedUntilTheParentSignalsOneThenAll() throws Exception {
        Manager manager = closeLater(Manager.start());
        SharedRLock lock = manager.rlock();
        SharedCondition condition = lock.newCondition();
        SharedInt waiting = manager.intValue(0);
        SharedInt go = manager.intValue(0);
        Pool pool = closeLater(Pool.create(2));
        AsyncResult<Integer> first = pool.applyAsync(ManagerConditionJobsTasks.awaitGo(lock, condition, waiting, go));
        AsyncResult<Integer> second = pool.applyAsync(ManagerConditionJobsTasks.awaitGo(lock, condition, waiting, go));
        awaitWaiting(lock, waiting, 2); // each holds the rlock twice when it awaits: await let go of both holds

        lock.lock();
        try {
            go.set(1);
            condition.signal();
        } finally {
            lock.unlock();
        }
        CompletableFuture<Object> one = CompletableFuture.anyOf(first, second);
        assertEquals(2, one.get(60, TimeUnit.SECONDS), "the released waiter had both its holds back");
        AsyncResult<Integer> other = first.isDone() ? second : first;
        // Not a wait for something to happen: a window in which nothing may (a signal releases one).
        assertThrows(TimeoutException.class, () -> other.get(500, TimeUnit.MILLISECONDS), "one signal released both");

        lock.lock();
        try {
            condition.signalAll();
        } finally {
            lock.unlock();
        }
        assertEquals(2, other.get(60, TimeUnit.SECONDS));
        assertFalse(lock.isLocked());
        lock.lock();
        try {
            condition.signalAll(); // nobody waits: nothing happens
        } finally {
            lock.unlock();
        }
    }

    @Test
    void timedAwaitsReturnOnTimeHoldingTheLockAgain() throws Exception {
        Manager manager = closeLater(Manager.start());
        SharedLock lock = manager.lock();
        SharedCondition condition = lock.newCondition();
        lock.lock();
        try {
            long start = System.nanoTime();
            assertFalse(condition.await(300, TimeUnit.MILLISECONDS), "nobody signalled: the time ran out");
            long waited = millisSince(start);
            assertTrue(waited >= 300 && waited < 300 + LATE_MILLIS, "await waited " + waited + " ms");
            assertTrue(lock.isHeldByCurrentThread());

            start = System.nanoTime();
            assertTrue(condition.awaitNanos(TimeUnit.MILLISECONDS.toNanos(200)) <= 0);
            waited = millisSince(start);
            assertTrue(waited >= 200 && waited < 200 + LATE_MILLIS, "awaitNanos waited " + waited + " ms");

            start = System.nanoTime();
            assertFalse(condition.awaitUntil(new Date(System.currentTimeMillis() + 200)));
            waited = millisSince(start);
            assertTrue(waited >= 150 && waited < 200 + LATE_MILLIS, "awaitUntil waited " + waited + " ms");

            assertFalse(condition.await(0, TimeUnit.SECONDS), "a zero timeout does not wait");
            assertTrue(lock.isHeldByCurrentThread());
            // while this thread waits, the lock is free for another
            CompletableFuture<Boolean> other = onThread(() -> {
                lock.lock();
                try {
                    condition.signal();
                    return true;
                } finally {
                    lock.unlock();
                }
            });
            start = System.nanoTime();
            assertTrue(condition.await(60, TimeUnit.SECONDS), "another thread's signal ended the wait");
            assertTrue(other.get(60, TimeUnit.SECONDS));
            assertTrue(lock.isHeldByCurrentThread());
        } finally {
            lock.unlock();
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void awaitOrSignalWithoutTheLockThrowsIllegalMonitorState() throws Exception {
        Manager manager = closeLater(Manager.start());
        SharedLock lock = manager.lock();
        SharedCondition condition = lock.newCondition();
        IllegalMonitorStateException free = assertThrows(IllegalMonitorStateException.class, condition::await);
        assertTrue(free.getMessage().contains("await") && free.getMessage().contains("free"), free.getMessage());
        assertThrows(IllegalMonitorStateException.class, () -> condition.await(1, TimeUnit.SECONDS));
        assertThrows(IllegalMonitorStateException.class, condition::signal);
        assertThrows(IllegalMonitorStateException.class, condition::signalAll);
        assertFalse(lock.isLocked(), "a refused await took nothing");
        lock.lock();
        try {
            CompletableFuture<String> other = onThread(() -> {
                IllegalMonitorStateException held = assertThrows(IllegalMonitorStateException.class,
                        () -> condition.await(1, TimeUnit.SECONDS));
                assertThrows(IllegalMonitorStateException.class, condition::signal);
                return held.getMessage();
            });
            String message = other.get(60, TimeUnit.SECONDS);
            assertTrue(message.contains("another thread of this process holds it"), message);
            assertTrue(lock.isHeldByCurrentThread(), "another thread's refused await released nothing");
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aWaiterKilledWhileItAwaitsLeavesTheWaitSetSoTheNextSignalReachesALiveOne() throws Exception {
        Manager manager = closeLater(Manager.start());
        SharedLock lock = manager.lock();
        SharedCondition condition = lock.newCondition();
        SharedLock marker = manager.lock();
        SharedInt waiting = manager.intValue(0);
        ChildProcess doomed = started.start(ManagerConditionJobsWorkers.awaitUntilKilled(lock, condition, marker, waiting));
        awaitWaiting(lock, waiting, 1); // the doomed child is first in the wait set
        Pool pool = closeLater(Pool.create(1));
        AsyncResult<Boolean> live = pool.applyAsync(ManagerConditionJobsTasks.awaitOnce(lock, condition, waiting));
        awaitWaiting(lock, waiting, 2);

        doomed.kill();
        // the server gives back what a client held once all its connections, the waiting one
        // included, have ended: then the killed child's await has left the wait set
        Support.awaitTrue("the killed child's marker lock is released", Duration.ofSeconds(30), marker::tryLock);
        marker.unlock();

        lock.lock();
        try {
            condition.signal();
        } finally {
            lock.unlock();
        }
        assertTrue(live.get(30, TimeUnit.SECONDS), "the one signal reached the live waiter, not the killed one");
        assertFalse(lock.isLocked());
    }

    @Test
    void anInterruptedAwaitThrowsWithEveryHoldTakenBack() throws Exception {
        Manager manager = closeLater(Manager.start());
        SharedRLock lock = manager.rlock();
        SharedCondition condition = lock.newCondition();
        SharedInt waiting = manager.intValue(0);
        CompletableFuture<Integer> holdsAfter = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            lock.lock();
            lock.lock();
            try {
                waiting.incrementAndGet();
                condition.await();
                holdsAfter.completeExceptionally(new AssertionError("await returned without a signal"));
            } catch (InterruptedException e) {
                holdsAfter.complete(lock.holdCount());
            } catch (Throwable t) {
                holdsAfter.completeExceptionally(t);
            } finally {
                lock.unlock();
                lock.unlock();
            }
        });
        thread.start();
        awaitWaiting(lock, waiting, 1);
        long start = System.nanoTime();
        thread.interrupt();
        assertEquals(2, holdsAfter.get(30, TimeUnit.SECONDS), "InterruptedException with both holds back");
        assertTrue(millisSince(start) < 5_000, "the interrupt took " + millisSince(start) + " ms");
        thread.join(30_000);
        assertFalse(lock.isLocked());

        // awaitUninterruptibly keeps waiting through an interrupt, and returns with it kept
        CompletableFuture<Boolean> uninterruptible = onThread(() -> {
            lock.lock();
            try {
                waiting.incrementAndGet();
                Thread.currentThread().interrupt();
                condition.awaitUninterruptibly();
                return Thread.interrupted() && lock.holdCount() == 1;
            } finally {
                lock.unlock();
            }
        });
        awaitWaiting(lock, waiting, 2);
        lock.lock();
        try {
            condition.signal();
        } finally {
            lock.unlock();
        }
        assertTrue(uninterruptible.get(30, TimeUnit.SECONDS), "awaitUninterruptibly returned holding the lock, interrupted");
    }

    @Test
    void aNamedConditionIsFoundByAnotherClientAndBoundToItsLock() throws Exception {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        Manager server = closeLater(Manager.builder().address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .authkey(key).start());
        Manager client = closeLater(Manager.connect(server.address(), key));
        SharedLock lock = server.lock("l");
        SharedCondition ready = server.condition(lock, "ready");
        assertEquals(ready, server.condition(lock, "ready"), "the named form finds the same condition");
        assertNotEquals(ready, lock.newCondition(), "newCondition() makes a new one");
        assertTrue(ready.toString().contains("condition #"), ready.toString());
        SharedInt waiting = server.intValue(0, "waiting");

        CompletableFuture<Boolean> remote = onThread(() -> {
            SharedLock theirs = client.lock("l");
            SharedCondition found = client.condition(theirs, "ready");
            theirs.lock();
            try {
                client.intValue(0, "waiting").incrementAndGet();
                return found.await(60, TimeUnit.SECONDS);
            } finally {
                theirs.unlock();
            }
        });
        awaitWaiting(lock, waiting, 1);
        lock.lock();
        try {
            ready.signal();
        } finally {
            lock.unlock();
        }
        assertTrue(remote.get(60, TimeUnit.SECONDS), "the other client's wait ended by this one's signal");

        IllegalStateException otherLock = assertThrows(IllegalStateException.class,
                () -> server.condition(server.lock("other"), "ready"));
        assertTrue(otherLock.getMessage().contains("another lock"), otherLock.getMessage());
        assertThrows(IllegalStateException.class, () -> server.condition(lock, "l"), "a name is one object of one kind");
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> server.condition(SharedLock.create(), "x"));
        assertTrue(shared.getMessage().contains("newCondition()"), shared.getMessage());
        SharedRLock rlock = server.rlock("r");
        SharedCondition ofRLock = server.condition(rlock, "r-ready");
        assertEquals(ofRLock, client.condition(client.rlock("r"), "r-ready"));
    }
}
