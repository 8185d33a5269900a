package io.multiprocessing4j.tests;

import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;

/** Bodies for the tests of a manager's queues, locks, events, semaphores, barriers and ints, in other processes. */
public class ManagerSyncJobs {

    /** Takes items and puts each back doubled, until it takes -1. */
    @Worker
    static void doubler(SharedQueue<Integer> in, SharedQueue<Integer> out) throws InterruptedException {
        for (int item; (item = in.take()) != -1; ) {
            out.put(item * 2);
        }
    }

    /** Takes the lock, says so, and waits to be killed. */
    @Worker
    static void holdLock(SharedLock lock, SharedEvent held) throws InterruptedException {
        lock.lock();
        held.set();
        Thread.sleep(600_000);
    }

    /** Takes {@code n} permits, says so, and waits to be killed. */
    @Worker
    static void holdPermits(SharedSemaphore semaphore, int n, SharedEvent held) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            semaphore.acquire();
        }
        held.set();
        Thread.sleep(600_000);
    }

    /** Says it arrives, then waits at the barrier (until killed, or the round passes). */
    @Worker
    static void awaitBarrier(SharedBarrier barrier, SharedEvent arriving) throws Exception {
        arriving.set();
        barrier.await();
    }

    /** Tries to unlock a lock this process does not hold; returns the exception's class name. */
    @PoolTask
    static String unlockForeign(SharedLock lock) {
        try {
            lock.unlock();
            return "unlocked";
        } catch (IllegalMonitorStateException e) {
            return e.getClass().getName();
        }
    }

    /** Adds 1 to {@code value} {@code n} times; returns the int it was given, a handle to the same one. */
    @PoolTask
    static SharedInt increment(SharedInt value, int n) {
        for (int i = 0; i < n; i++) {
            value.incrementAndGet();
        }
        return value;
    }

    /** Sets the event. */
    @Worker
    static void set(SharedEvent event) {
        event.set();
    }
}
