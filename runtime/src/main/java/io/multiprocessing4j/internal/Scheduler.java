package io.multiprocessing4j.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The parent's one timer thread: handshake deadlines, task deadlines, grace periods. Work done
 * here must be short; anything that blocks belongs on its own thread.
 */
public final class Scheduler {

    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Scheduler() {}

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "multiprocessing4j-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code action} once after {@code nanos}; cancel the result if it is no longer wanted. */
    public static ScheduledFuture<?> after(long nanos, Runnable action) {
        return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }
}
