package io.multiprocessing4j.internal;

import java.util.concurrent.ScheduledFuture;

/**
 * The parent's one timer thread, {@code multiprocessing4j-timer}: handshake deadlines, task
 * deadlines, grace periods, the sweep of stale files. Work done here must be short; anything that
 * blocks belongs on its own thread.
 *
 * <p>The thread runs only while timers are pending, and ends {@value #LINGER_MILLIS} ms after the
 * last one fired or was cancelled ({@link TimerThread}). An interrupt ends it at once; timers
 * still pending then stay queued, and run when the next timer is set, on a new thread: a deadline
 * never fires early.
 *
 * <p>Thread-safety: any thread may set or cancel a timer; timers run on the timer thread.
 */
public final class Scheduler {

    private static final long LINGER_MILLIS = 1000;
    private static final TimerThread TIMER =
            new TimerThread("multiprocessing4j-timer", LINGER_MILLIS, TimerThread.OnInterrupt.KEEP_QUEUED);

    private Scheduler() {}

    /**
     * Runs {@code action} once after {@code nanos}; cancel the result if it is no longer wanted,
     * which removes it at once. {@code cancel(true)} does not interrupt an action that is running.
     * An exception from the action is kept in the result, as a scheduled executor keeps it.
     */
    public static ScheduledFuture<?> after(long nanos, Runnable action) {
        return TIMER.after(nanos, action);
    }
}
