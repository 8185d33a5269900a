package io.multiprocessing4j.internal.manager;

import java.util.concurrent.TimeUnit;

/**
 * One waiting call's time on a server object's monitor: {@code while (!ready) if (!wait.await(this))
 * return timedOut;}. Negative nanoseconds wait as long as it takes; 0 does not wait.
 */
final class TimedWait {

    private final long nanos;
    private final long start = System.nanoTime();

    TimedWait(long nanos) {
        this.nanos = nanos;
    }

    /**
     * Waits on {@code monitor}, which the caller holds, until it is notified or the time is up.
     *
     * @return false if the time was up already (nothing waited)
     * @throws InterruptedException if the waiting thread is interrupted (its call was cancelled,
     *     or its client is gone)
     */
    boolean await(Object monitor) throws InterruptedException {
        if (nanos < 0) {
            monitor.wait();
            return true;
        }
        long left = nanos - (System.nanoTime() - start);
        if (left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
        return true;
    }
}
