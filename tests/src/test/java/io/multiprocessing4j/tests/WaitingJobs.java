package io.multiprocessing4j.tests;

import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedLongArray;
import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;
import java.time.Duration;

/** Bodies for the tests of whom a wake-up releases: events and conditions, waited on in other processes. */
public class WaitingJobs {

    /**
     * Records this process's pid and the waiting thread's kernel id in {@code where} (at
     * {@code 2 * slot} and {@code 2 * slot + 1}), then waits for the event at most {@code millis};
     * returns what the wait returned.
     */
    @Worker
    @PoolTask
    static boolean awaitEvent(SharedEvent event, SharedLongArray where, int slot, long millis)
            throws InterruptedException {
        where.set(2 * slot, ProcessHandle.current().pid());
        where.set(2 * slot + 1, Cpu.currentThreadId());
        return event.await(Duration.ofMillis(millis));
    }

    /**
     * Under the lock: counts itself in {@code waiting}, waits on the condition once (no loop
     * around it: the test counts what each signal releases), then counts itself in
     * {@code released}.
     */
    @Worker
    static void awaitOneSignal(SharedLock lock, SharedCondition condition, SharedInt waiting, SharedInt released)
            throws InterruptedException {
        lock.lock();
        try {
            waiting.incrementAndGet();
            condition.await();
            released.incrementAndGet();
        } finally {
            lock.unlock();
        }
    }

    /** Records this process's pid in {@code where[0]}, then waits at the barrier for at most a minute. */
    @PoolTask
    static int awaitBarrier(SharedBarrier barrier, SharedLongArray where) throws InterruptedException {
        where.set(0, ProcessHandle.current().pid());
        return barrier.await(Duration.ofSeconds(60));
    }

    /** Has the barrier (it arrived as an argument) and dies at once, without shutdown hooks. */
    @PoolTask
    static void haltHolding(SharedBarrier barrier) {
        Runtime.getRuntime().halt(3);
    }
}
