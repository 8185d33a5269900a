package io.multiprocessing4j.tests;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;

/** Bodies for the tests of a manager's conditions, in other processes. */
public class ManagerConditionJobs {

    /**
     * Takes the rlock twice, counts itself as waiting (under the lock, so that once another holds
     * the lock this one is inside await), and awaits until {@code go} is set; returns its holds
     * after the wait.
     */
    @PoolTask
    static int awaitGo(SharedRLock lock, SharedCondition condition, SharedInt waiting, SharedInt go)
            throws InterruptedException {
        lock.lock();
        lock.lock();
        try {
            waiting.incrementAndGet();
            while (go.get() == 0) {
                condition.await();
            }
            return lock.holdCount();
        } finally {
            lock.unlock();
            lock.unlock();
        }
    }

    /**
     * Takes {@code marker} and keeps it, then waits on the condition for ever (until killed),
     * counted in {@code waiting} under the lock.
     */
    @Worker
    static void awaitUntilKilled(SharedLock lock, SharedCondition condition, SharedLock marker, SharedInt waiting)
            throws InterruptedException {
        marker.lock();
        lock.lock();
        waiting.incrementAndGet();
        while (true) {
            condition.await();
        }
    }

    /** Awaits once on the condition, counted in {@code waiting} under the lock, and says how the wait ended. */
    @PoolTask
    static boolean awaitOnce(SharedLock lock, SharedCondition condition, SharedInt waiting) throws InterruptedException {
        lock.lock();
        try {
            waiting.incrementAndGet();
            return condition.await(120, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            lock.unlock();
        }
    }
}
