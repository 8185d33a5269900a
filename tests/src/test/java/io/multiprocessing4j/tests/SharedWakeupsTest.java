package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedLongArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whom a wake-up releases, between real processes: a set of an event releases everyone waiting
 * even if a clear follows at once; a condition's signal releases exactly one waiter.
 */
@Timeout(180)
class SharedWakeupsTest {

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    @Test
    void aSetAtOnceUndoneByAClearReleasesEveryWaiterAsleepAtTheTime() throws Exception {
        SharedEvent event = SharedEvent.create();
        SharedInt untimedThread = SharedInt.create(0);
        SharedLongArray timed = SharedLongArray.create(4);
        ChildProcess untimed = started.start(SharedJobsWorkers.blockOnEvent(event, untimedThread));
        try (Pool pool = Pool.create(2)) {
            pulseWithWaitersIn(pool, event, untimed, untimedThread, timed);
        }
    }

    private void pulseWithWaitersIn(Pool pool, SharedEvent event, ChildProcess untimed, SharedInt untimedThread,
            SharedLongArray timed) throws Exception {
        try {
            List<AsyncResult<Boolean>> waits = new ArrayList<>();
            for (int slot = 0; slot < 2; slot++) {
                waits.add(pool.applyAsync(WaitingJobsTasks.awaitEvent(event, timed, slot, 120_000)));
            }
            // every waiter is inside await(), asleep in the kernel on the event's word, before the pulse
            Support.awaitTrue("three waiters in three processes sleep on the event", Duration.ofSeconds(60),
                    () -> untimedThread.get() != 0
                            && Cpu.isAsleepOnShared(untimed.pid(), untimedThread.get(), "event")
                            && Cpu.isAsleepOnShared(timed.get(0), timed.get(1), "event")
                            && Cpu.isAsleepOnShared(timed.get(2), timed.get(3), "event"),
                    () -> "waits: " + waits);
            // The pulse must be over before any waiter runs again: with the waiters stopped
            // (SIGSTOP), the set's wake-up reaches them only once they continue, after the clear.
            long[] pids = {untimed.pid(), timed.get(0), timed.get(2)};
            for (long pid : pids) {
                Signals.send("STOP", pid);
            }
            Support.awaitTrue("the waiters are stopped", Duration.ofSeconds(30),
                    () -> java.util.Arrays.stream(pids).allMatch(Signals::isStopped));
            event.set();
            event.clear();
            for (long pid : pids) {
                Signals.send("CONT", pid);
            }
            for (AsyncResult<Boolean> wait : waits) {
                assertTrue(wait.get(30, TimeUnit.SECONDS), "await(Duration) says the event was set");
            }
            assertTrue(untimed.join(Duration.ofSeconds(30)), "await() returned after the pulse");
            assertEquals(OptionalInt.of(0), untimed.exitCode());
            assertFalse(event.isSet());
            assertFalse(pool.apply(WaitingJobsTasks.awaitEvent(event, timed, 0, 100)),
                    "a wait that begins after the pulse waits for the next set");
        } catch (Throwable failed) {
            pool.terminate(); // the waits still running would keep close() waiting
            throw failed;
        }
    }

    @Test
    void oneSignalReleasesExactlyOneWaiterAndTheOthersKeepWaiting() throws Exception {
        SharedLock lock = SharedLock.create();
        SharedCondition condition = lock.newCondition();
        SharedInt waiting = SharedInt.create(0);
        SharedInt released = SharedInt.create(0);
        List<ChildProcess> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(started.start(WaitingJobsWorkers.awaitOneSignal(lock, condition, waiting, released)));
        }
        Support.awaitTrue("three processes wait on the condition", Duration.ofSeconds(60), () -> waiting.get() == 3);
        for (int signals = 1; signals <= 2; signals++) {
            // each waiter counted itself under the lock and only await() lets go of it: once this
            // thread holds the lock, all three are inside await()
            lock.lock();
            try {
                condition.signal();
            } finally {
                lock.unlock();
            }
            int expected = signals;
            Support.awaitTrue(signals + " released", Duration.ofSeconds(10), () -> released.get() >= expected);
            // Not a wait for something to happen: a window in which nothing may. The bug this
            // guards against released every waiter within 50 ms of a signal.
            Thread.sleep(2000);
            assertEquals(signals, released.get(), "released by " + signals + " signal(s)");
            long running = waiters.stream().filter(ChildProcess::isAlive).count();
            assertEquals(3 - signals, running, "waiters still waiting");
        }
        lock.lock();
        try {
            condition.signalAll();
        } finally {
            lock.unlock();
        }
        for (ChildProcess waiter : waiters) {
            assertTrue(waiter.join(Duration.ofSeconds(30)), "signalAll releases the last waiter");
            assertEquals(OptionalInt.of(0), waiter.exitCode());
        }
        assertEquals(3, released.get());
    }

    @Test
    void aWaiterThatTimesOutOrIsInterruptedLeavesTheSignalToAnother() throws Exception {
        SharedLock lock = SharedLock.create();
        SharedCondition condition = lock.newCondition();
        SharedInt waiting = SharedInt.create(0);
        SharedInt released = SharedInt.create(0);
        ChildProcess waiter = started.start(WaitingJobsWorkers.awaitOneSignal(lock, condition, waiting, released));
        Support.awaitTrue("the child waits on the condition", Duration.ofSeconds(60), () -> waiting.get() == 1);

        lock.lock();
        try {
            assertFalse(condition.await(100, TimeUnit.MILLISECONDS), "nobody signalled: the time ran out");
        } finally {
            lock.unlock();
        }
        CompletableFuture<Throwable> interrupted = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicLong tid = new java.util.concurrent.atomic.AtomicLong();
        Thread thread = new Thread(() -> {
            tid.set(Cpu.currentThreadId());
            lock.lock();
            try {
                condition.await();
                interrupted.complete(null);
            } catch (Throwable e) {
                interrupted.complete(e);
            } finally {
                lock.unlock();
            }
        });
        thread.start();
        Support.awaitTrue("the thread waits on the condition", Duration.ofSeconds(30),
                () -> tid.get() != 0 && Cpu.isAsleepOnShared(ProcessHandle.current().pid(), tid.get(), "cond"));
        thread.interrupt();
        assertTrue(interrupted.get(10, TimeUnit.SECONDS) instanceof InterruptedException);

        // the two waits that ended without a signal do not count as waiting: one signal reaches the child
        lock.lock();
        try {
            condition.signal();
        } finally {
            lock.unlock();
        }
        assertTrue(waiter.join(Duration.ofSeconds(30)), "the signal reached the waiting child");
        assertEquals(1, released.get());
        lock.lock();
        try {
            assertFalse(condition.await(50, TimeUnit.MILLISECONDS), "no signal was left over");
        } finally {
            lock.unlock();
        }
        assertThrows(IllegalMonitorStateException.class, condition::signal, "signal needs the lock");
    }
}
