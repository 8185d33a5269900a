package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.TaskFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Events, semaphores, barriers and conditions between real processes, deaths included. */
@Timeout(120)
class SharedSyncTest {

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    @Test
    void anEventWakesWaitersInPoolWorkersAndTimedWaitsReturnOnTime() throws Exception {
        SharedEvent event = SharedEvent.create();
        try (Pool pool = Pool.create(2)) {
            assertFalse(pool.apply(SharedJobsTasks.awaitEvent(event, 100)), "not set: the wait times out");
            AsyncResult<Boolean> a = pool.applyAsync(SharedJobsTasks.awaitEvent(event, 30_000));
            AsyncResult<Boolean> b = pool.applyAsync(SharedJobsTasks.awaitEvent(event, 30_000));
            assertFalse(a.isDone());
            event.set();
            assertTrue(a.get(30, TimeUnit.SECONDS));
            assertTrue(b.get(30, TimeUnit.SECONDS));
            assertTrue(pool.apply(SharedJobsTasks.awaitEvent(event, 0)), "set: no wait at all");
        }
        event.clear();
        assertFalse(event.isSet());
        assertEquals("SharedEvent[clear]", event.toString());
        for (long millis : new long[] {0, 30, 200}) {
            assertFalse(OnTime.assertOnTime("await(" + millis + " ms)", millis, () -> event.await(Duration.ofMillis(millis))));
        }
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> event.await());
    }

    @Test
    void aThreadBlockedOnAnEventUsesNoCpu() throws Exception {
        SharedEvent event = SharedEvent.create();
        SharedInt thread = SharedInt.create(0);
        ChildProcess waiter = started.start(SharedJobsWorkers.blockOnEvent(event, thread));
        Support.awaitTrue("the waiter sleeps", Duration.ofSeconds(30),
                () -> thread.get() != 0 && Cpu.isSleeping(waiter.pid(), thread.get()));
        Cpu.assertIdle(waiter.pid(), thread.get(), Duration.ofSeconds(3));
        event.set();
        assertTrue(waiter.join(Duration.ofSeconds(30)));
        assertEquals(OptionalInt.of(0), waiter.exitCode());
    }

    @Test
    void aBoundedSemaphoreRefusesAReleaseAboveItsCount() throws Exception {
        SharedSemaphore bounded = SharedSemaphore.bounded(1);
        try (Pool pool = Pool.create(1)) {
            String refused = pool.apply(SharedJobsTasks.release(bounded));
            assertTrue(refused.contains("above its initial count of 1"), refused);
            assertTrue(bounded.tryAcquire());
            assertFalse(bounded.tryAcquire());
            assertEquals("released", pool.apply(SharedJobsTasks.release(bounded)), "another process may release");
        }
        assertEquals(1, bounded.availablePermits());
        SharedSemaphore open = SharedSemaphore.create(0);
        open.release();
        open.release();
        assertEquals(2, open.availablePermits());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> SharedSemaphore.create(-1));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedSemaphore.bounded(-3));
        SharedSemaphore none = SharedSemaphore.create(0); // made before the clock starts: only the wait is timed
        assertFalse(OnTime.assertOnTime("tryAcquire(120 ms)", 120, () -> none.tryAcquire(Duration.ofMillis(120))));
    }

    @Test
    void permitsHeldByAKilledProcessAreGivenBackButNeverAboveTheInitialCount() throws Exception {
        SharedSemaphore semaphore = SharedSemaphore.create(3);
        SharedEvent held = SharedEvent.create();
        ChildProcess holder = started.start(SharedJobsWorkers.holdPermitsAndDie(semaphore, 2, held, "hang"));
        assertTrue(held.await(Duration.ofSeconds(30)));
        assertEquals(1, semaphore.availablePermits());
        semaphore.acquire();
        assertFalse(semaphore.tryAcquire());
        holder.kill();
        Jvms.awaitGone(List.of(holder.pid()), Duration.ofSeconds(30));
        long dead = System.nanoTime();
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(10)), "the killed holder's permits came back");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead);
        System.out.println("permits of a killed holder given back " + millis + " ms after its death");
        assertTrue(millis <= 1000, "given back after " + millis + " ms");
        assertTrue(semaphore.tryAcquire(), "both of them");
        semaphore.release();
        semaphore.release();
        semaphore.release();
        assertEquals(3, semaphore.availablePermits());

        // a signalling semaphore: a consumer that dies does not make phantom permits
        SharedSemaphore signals = SharedSemaphore.create(0);
        signals.release();
        SharedEvent consumed = SharedEvent.create();
        ChildProcess consumer = started.start(SharedJobsWorkers.holdPermitsAndDie(signals, 1, consumed, "halt"));
        assertTrue(consumed.await(Duration.ofSeconds(30)));
        Jvms.awaitGone(List.of(consumer.pid()), Duration.ofSeconds(30));
        assertFalse(signals.tryAcquire(Duration.ofMillis(600)), "no permit was made up");
        assertEquals(0, signals.availablePermits());
    }

    /** Issue 8: a permit held by a process that dies, however it dies, is given back within a second. */
    @ParameterizedTest
    @ValueSource(strings = {"halt", "exit", "kill"})
    void aPermitWhoseHolderDiesIsGivenBackWithinASecond(String how) throws Exception {
        SharedSemaphore semaphore = SharedSemaphore.bounded(1);
        SharedEvent held = SharedEvent.create();
        ChildProcess holder = started.start(SharedJobsWorkers.holdPermitsAndDie(semaphore, 1, held, how));
        assertTrue(held.await(Duration.ofSeconds(30)), "the child took the permit");
        if (how.equals("kill")) {
            holder.kill();
        }
        Jvms.awaitGone(List.of(holder.pid()), Duration.ofSeconds(30));
        long dead = System.nanoTime();
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(10)), "the dead holder's permit was not given back");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead);
        System.out.println("permit of a holder that died by " + how + " given back " + millis + " ms after its death");
        assertTrue(millis <= 1000, "given back after " + millis + " ms");
        assertFalse(semaphore.tryAcquire(), "given back once");
        semaphore.release();
        assertEquals(1, semaphore.availablePermits());
    }

    /**
     * Issue 8: blocking methods honour interrupts where their {@code java.util.concurrent}
     * namesakes do: an interrupt before the call, and one that reaches a thread asleep in the
     * kernel; an interrupted barrier wait breaks the barrier, as at a {@code CyclicBarrier}.
     */
    @Test
    void semaphoresBarriersAndEventsHonourInterrupts() throws Exception {
        SharedSemaphore semaphore = SharedSemaphore.create(0);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, semaphore::acquire);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> semaphore.tryAcquire(Duration.ofSeconds(30)));
        assertInterruptedWhileAsleep(() -> {
            semaphore.acquire();
            return null;
        });
        assertInterruptedWhileAsleep(() -> semaphore.tryAcquire(Duration.ofSeconds(60)));
        SharedEvent event = SharedEvent.create();
        assertInterruptedWhileAsleep(() -> {
            event.await();
            return null;
        });
        SharedBarrier barrier = SharedBarrier.create(2);
        assertInterruptedWhileAsleep(barrier::await);
        assertTrue(barrier.isBroken(), "an interrupted wait breaks the barrier for the others");
        assertThrows(BarrierBrokenException.class, () -> barrier.await(Duration.ofSeconds(1)));
        assertEquals(0, semaphore.availablePermits(), "an interrupted acquire took nothing");
    }

    /** Runs {@code wait} on a thread, interrupts it once it sleeps, and expects InterruptedException soon. */
    private static void assertInterruptedWhileAsleep(OnTime.Wait<?> wait) throws Exception {
        java.util.concurrent.CompletableFuture<Object> outcome = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicLong tid = new java.util.concurrent.atomic.AtomicLong();
        Thread waiter = new Thread(() -> {
            tid.set(Cpu.currentThreadId());
            try {
                outcome.complete(wait.call());
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        waiter.start();
        Support.awaitTrue("the waiter sleeps", Duration.ofSeconds(10),
                () -> tid.get() != 0 && Cpu.isSleeping(ProcessHandle.current().pid(), tid.get()));
        long interruptAt = System.nanoTime();
        waiter.interrupt();
        Object result = outcome.get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptAt);
        assertTrue(result instanceof InterruptedException, "the wait ended with " + result);
        assertTrue(millis <= 1000, "the interrupt was noticed after " + millis + " ms");
    }

    @Test
    void partiesInSeveralProcessesMeetAtABarrier() throws Exception {
        SharedBarrier barrier = SharedBarrier.create(3);
        ChildProcess a = started.start(SharedJobsWorkers.awaitBarrier(barrier));
        ChildProcess b = started.start(SharedJobsWorkers.awaitBarrier(barrier));
        int mine = barrier.await(Duration.ofSeconds(60));
        assertTrue(a.join(Duration.ofSeconds(30)) && b.join(Duration.ofSeconds(30)));
        assertEquals(OptionalInt.of(0), a.exitCode());
        assertEquals(OptionalInt.of(0), b.exitCode());
        assertTrue(mine >= 0 && mine < 3, "arrival index " + mine);
        assertEquals(3, barrier.parties());
        assertEquals(0, barrier.numberWaiting());
        assertFalse(barrier.isBroken(), "children that end in order let go without breaking it");

        try (Pool pool = Pool.create(2)) {
            for (int round = 0; round < 3; round++) {
                List<AsyncResult<Integer>> results = new ArrayList<>();
                results.add(pool.applyAsync(SharedJobsTasks.awaitBarrier(barrier)));
                results.add(pool.applyAsync(SharedJobsTasks.awaitBarrier(barrier)));
                List<Integer> indices = new ArrayList<>(List.of(barrier.await(Duration.ofSeconds(60))));
                for (AsyncResult<Integer> result : results) {
                    indices.add(result.get(30, TimeUnit.SECONDS));
                }
                indices.sort(null);
                assertEquals(List.of(0, 1, 2), indices, "round " + round);
            }
        }
    }

    @Test
    void aBarrierThatAKilledProcessWasToReachBreaksForTheWaiters() throws Exception {
        SharedBarrier barrier = SharedBarrier.create(3);
        SharedEvent ready = SharedEvent.create();
        ChildProcess waiter = started.start(SharedJobsWorkers.awaitBarrier(barrier));
        Support.awaitTrue("the other child waits", Duration.ofSeconds(30), () -> barrier.numberWaiting() == 1);
        // it gets the barrier while a round is in progress, and dies during that round
        ChildProcess doomed = started.start(SharedJobsWorkers.holdBarrierAndHang(barrier, ready));
        assertTrue(ready.await(Duration.ofSeconds(30)));
        doomed.kill();
        BarrierBrokenException broken = assertThrows(BarrierBrokenException.class,
                () -> barrier.await(Duration.ofSeconds(30)));
        assertTrue(broken.getMessage().contains("broken"), broken.getMessage());
        assertTrue(waiter.join(Duration.ofSeconds(30)));
        assertEquals(OptionalInt.of(1), waiter.exitCode(), "the waiting child got BarrierBrokenException");
        assertTrue(barrier.isBroken());
        assertThrows(BarrierBrokenException.class, () -> barrier.await(), "await on a broken barrier");
        barrier.reset();
        assertFalse(barrier.isBroken());
    }

    @Test
    void aTimeoutOrAnAbortBreaksTheBarrier() throws Exception {
        SharedBarrier barrier = SharedBarrier.create(2);
        BarrierBrokenException timedOut = OnTime.assertOnTime("await(150 ms)", 150,
                () -> assertThrows(BarrierBrokenException.class, () -> barrier.await(Duration.ofMillis(150))));
        assertTrue(timedOut.getMessage().contains("timed out"), timedOut.getMessage());
        assertTrue(barrier.isBroken());
        barrier.reset();
        try (Pool pool = Pool.create(1)) {
            AsyncResult<Integer> waiting = pool.applyAsync(SharedJobsTasks.awaitBarrier(barrier));
            Support.awaitTrue("the task waits", Duration.ofSeconds(30), () -> barrier.numberWaiting() == 1);
            barrier.abort();
            Exception failed = assertThrows(Exception.class, () -> waiting.get(30, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof TaskFailedException, String.valueOf(failed.getCause()));
            assertTrue(failed.getCause().getCause() instanceof BarrierBrokenException, String.valueOf(failed.getCause()));
        }
        assertThrows(IllegalArgumentException.class, () -> SharedBarrier.create(0));
    }

    @Test
    void aConditionSignalReachesAWaiterInAnotherProcess() throws Exception {
        SharedLock lock = SharedLock.create();
        SharedCondition condition = lock.newCondition();
        SharedInt flag = SharedInt.create(0);
        SharedEvent waiting = SharedEvent.create();
        try (Pool pool = Pool.create(1)) {
            AsyncResult<Integer> result = pool.applyAsync(SharedJobsTasks.awaitFlag(lock, condition, flag, waiting));
            assertTrue(waiting.await(Duration.ofSeconds(30)));
            lock.lock();
            try {
                flag.set(7);
                condition.signalAll();
            } finally {
                lock.unlock();
            }
            assertEquals(7, result.get(30, TimeUnit.SECONDS));
        }
        assertThrows(IllegalMonitorStateException.class, condition::signal, "signal needs the lock");
        assertThrows(IllegalMonitorStateException.class, condition::await, "await needs the lock");
        lock.lock();
        try {
            assertFalse(OnTime.assertOnTime("await(100 ms)", 100, () -> condition.await(100, TimeUnit.MILLISECONDS)));
            assertTrue(lock.isHeldByCurrentThread(), "the lock is held again after the wait");
        } finally {
            lock.unlock();
        }
    }
}
