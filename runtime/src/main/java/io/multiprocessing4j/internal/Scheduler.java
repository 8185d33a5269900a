package io.multiprocessing4j.internal;

import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The parent's one timer thread: handshake deadlines, task deadlines, grace periods, the sweep of
 * stale files. Work done here must be short; anything that blocks belongs on its own thread.
 *
 * <p>The thread runs only while timers are pending, and ends {@value #LINGER_MILLIS} ms after the
 * last one fired or was cancelled: an application that is done leaves no timer thread behind. An
 * interrupt ends it at once. Nothing in multiprocessing4j interrupts it; an application being
 * torn down does ({@code mvn exec:java} interrupts every thread the application started once its
 * {@code main} returns, and waits for them to end). Timers still pending then stay queued, and run
 * when the next timer is set, on a new thread. ({@code ScheduledThreadPoolExecutor}, used before,
 * keeps its thread through interrupts; {@code exec:java} then waited 15 s for it.)
 *
 * <p>Thread-safety: any thread may set or cancel a timer. {@link #LOCK} guards {@link #QUEUE} and
 * {@link #thread}; timers run on the timer thread without it.
 */
public final class Scheduler {

    private static final long LINGER_MILLIS = 1000;
    /** Far enough away for "never", near enough that deadlines never overflow when compared. */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE / 4;

    private static final Object LOCK = new Object();
    private static final PriorityQueue<Timer> QUEUE = new PriorityQueue<>();
    private static Thread thread;
    private static long sequence;

    private Scheduler() {}

    /**
     * Runs {@code action} once after {@code nanos}; cancel the result if it is no longer wanted,
     * which removes it at once. {@code cancel(true)} does not interrupt an action that is running.
     * An exception from the action is kept in the result, as a scheduled executor keeps it.
     */
    public static ScheduledFuture<?> after(long nanos, Runnable action) {
        long due = System.nanoTime() + Math.max(0, Math.min(nanos, MAX_DELAY_NANOS));
        synchronized (LOCK) {
            Timer timer = new Timer(action, due, sequence++);
            QUEUE.add(timer);
            if (thread == null) {
                thread = new Thread("multiprocessing4j-timer") { // not a lambda: see LaunchGate
                    @Override
                    public void run() {
                        Scheduler.run();
                    }
                };
                thread.setDaemon(true);
                thread.start();
            } else if (QUEUE.peek() == timer) {
                LOCK.notifyAll();
            }
            return timer;
        }
    }

    private static void run() {
        while (true) {
            Timer due = next();
            if (due == null) {
                return;
            }
            due.run();
            if (Thread.interrupted()) {
                synchronized (LOCK) {
                    thread = null;
                }
                return;
            }
        }
    }

    /** The next timer once it is due, or {@code null} when this thread is to end. */
    private static Timer next() {
        synchronized (LOCK) {
            long idleSince = System.nanoTime();
            while (true) {
                Timer head = QUEUE.peek();
                long now = System.nanoTime();
                long wait;
                if (head == null) {
                    wait = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS) - (now - idleSince);
                    if (wait <= 0) {
                        thread = null;
                        return null;
                    }
                } else if (head.due - now <= 0) {
                    return QUEUE.poll();
                } else {
                    wait = head.due - now;
                    idleSince = now;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, wait);
                } catch (InterruptedException e) {
                    thread = null;
                    return null;
                }
            }
        }
    }

    /** One timer: its action, when it is due, and in which order it was set. */
    private static final class Timer extends FutureTask<Void> implements ScheduledFuture<Void> {
        final long due;
        private final long order;

        Timer(Runnable action, long due, long order) {
            super(action, null);
            this.due = due;
            this.order = order;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(false); // never interrupt the timer thread: that ends it
            if (cancelled) {
                synchronized (LOCK) {
                    boolean wasNext = QUEUE.peek() == this;
                    QUEUE.remove(this);
                    if (wasNext) {
                        LOCK.notifyAll(); // the thread sleeps towards this one: let it find its next
                    }
                }
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Timer) {
                Timer timer = (Timer) other;
                long difference = due - timer.due;
                return difference != 0 ? (difference < 0 ? -1 : 1) : Long.compare(order, timer.order);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
