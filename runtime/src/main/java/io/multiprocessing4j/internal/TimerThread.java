package io.multiprocessing4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One thread that runs timed actions, one at a time, in the order they are due, and exists only
 * while it has some: it starts with the first action set and ends {@code linger} after the last
 * one ran or was cancelled, so an application that is done leaves no thread of ours behind. An
 * interrupt ends it at once; what happens to the actions still queued then is the owner's choice
 * ({@link OnInterrupt}).
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: its core thread never ends, and it survives
 * interrupts. {@code mvn exec:java} interrupts every thread the application started once its
 * {@code main} returns and waits for them to end: it waited 15 s for such a thread. Nothing in
 * multiprocessing4j interrupts these threads; an application being torn down does.
 *
 * <p>Thread-safety: any thread may set or cancel an action. {@link #lock} guards {@link #queue},
 * {@link #thread} and {@link #sequence}; actions run on the timer's thread without it.
 */
public final class TimerThread {

    /** What an interrupt of the thread does with the actions still queued. */
    public enum OnInterrupt {
        /**
         * They stay queued, and run when due on the thread the next {@link #after} starts: for
         * deadlines, which must not fire early.
         */
        KEEP_QUEUED,
        /**
         * The thread runs them at once, with its interrupt status set, before it ends: for calls
         * that must not be lost and may come early. What is set while they run gets a new thread.
         */
        RUN_AT_ONCE
    }

    /** Far enough away for "never", near enough that deadlines never overflow when compared. */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE / 4;

    private final String name;
    private final long lingerNanos;
    private final OnInterrupt onInterrupt;
    private final Object lock = new Object();
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private Thread thread;
    private long sequence;

    /**
     * A timer whose thread is not started yet.
     *
     * @param name the name of its thread, a daemon
     * @param lingerMillis how long its thread waits for another action once it has none
     * @param onInterrupt what an interrupt does with the actions still queued
     */
    public TimerThread(String name, long lingerMillis, OnInterrupt onInterrupt) {
        this.name = name;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.onInterrupt = onInterrupt;
    }

    /**
     * Runs {@code action} once after {@code nanos}; cancel the result if it is no longer wanted,
     * which removes it at once. {@code cancel(true)} does not interrupt an action that is running.
     * An exception from the action is kept in the result, as a scheduled executor keeps it.
     */
    public ScheduledFuture<?> after(long nanos, Runnable action) {
        long due = System.nanoTime() + Math.max(0, Math.min(nanos, MAX_DELAY_NANOS));
        synchronized (lock) {
            Timer timer = new Timer(action, due, sequence++);
            queue.add(timer);
            if (thread == null) {
                start();
            } else if (queue.peek() == timer) {
                lock.notifyAll();
            }
            return timer;
        }
    }

    /** Under {@link #lock}, with no thread running. */
    private void start() {
        thread = new Thread(name) { // not a lambda: see LaunchGate
            @Override
            public void run() {
                loop();
            }
        };
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                Timer due = next();
                if (due == null) {
                    return;
                }
                due.run();
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } catch (InterruptedException e) {
            endOnInterrupt();
        }
    }

    /**
     * The next action once it is due, or {@code null} when the thread has lingered long enough
     * without one (it is then no longer {@link #thread}).
     */
    private Timer next() throws InterruptedException {
        synchronized (lock) {
            long idleSince = System.nanoTime();
            while (true) {
                Timer head = queue.peek();
                long now = System.nanoTime();
                long wait;
                if (head == null) {
                    wait = lingerNanos - (now - idleSince);
                    if (wait <= 0) {
                        thread = null;
                        return null;
                    }
                } else if (head.due - now <= 0) {
                    return queue.poll();
                } else {
                    wait = head.due - now;
                    idleSince = now;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, wait);
            }
        }
    }

    /** Ends the interrupted thread, after running what was queued if the owner asked for it. */
    private void endOnInterrupt() {
        List<Timer> now;
        synchronized (lock) {
            if (onInterrupt == OnInterrupt.KEEP_QUEUED) {
                thread = null;
                return;
            }
            now = new ArrayList<>(queue);
            queue.clear();
        }
        Collections.sort(now);
        Thread.currentThread().interrupt(); // an action that would block sees why it should not
        for (Timer timer : now) {
            timer.run();
        }
        synchronized (lock) {
            thread = null;
            if (!queue.isEmpty()) {
                start(); // set while the queue was run: a thread of its own, not this interrupted one
            }
        }
    }

    /** One action: what it runs, when it is due, and in which order it was set. */
    private final class Timer extends FutureTask<Void> implements ScheduledFuture<Void> {
        final long due;
        private final long order;

        Timer(Runnable action, long due, long order) {
            super(action, null);
            this.due = due;
            this.order = order;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(false); // never interrupt the timer's thread: that ends it
            if (cancelled) {
                synchronized (lock) {
                    boolean wasNext = queue.peek() == this;
                    queue.remove(this);
                    if (wasNext) {
                        lock.notifyAll(); // the thread sleeps towards this one: let it find its next
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
