package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.Progress;
import io.multiprocessing4j.ProgressListener;
import io.multiprocessing4j.internal.TimerThread;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of one piece of work (a map, an imap, a whole pool) and its listeners. The pool's
 * threads only {@link #advance} a counter; listeners are called on one shared daemon thread,
 * {@value #THREAD_NAME}, at most one call pending per relay, and at most one every
 * {@value #INTERVAL_MILLIS} ms: counts that arrive meanwhile are coalesced into the next call.
 *
 * <p>Why it cannot lose the last update: the notifier clears {@link #pending} before it reads the
 * counter, so an advance after that read finds nothing pending and schedules another call.
 *
 * <p>The thread ({@link TimerThread}) runs only while a call is pending, and ends
 * {@value #LINGER_MILLIS} ms after the last one: an application that is done leaves no progress
 * thread behind. An interrupt (an application being torn down: {@code mvn exec:java} interrupts
 * the application's threads once {@code main} returns, and waits for them) ends it at once, after
 * it has made the calls that were pending, coalescing window or not: the last update is never
 * lost to it. Listeners are user code that may be slow, so they never run on the
 * {@code Scheduler}'s timer thread, whose deadlines must not wait for them.
 *
 * <p>Threads: {@link #advance} and {@link #total} from any thread (readers, submitters); listener
 * calls and {@link #lastDone} on the notifier thread only.
 */
public final class ProgressRelay {

    static final String THREAD_NAME = "multiprocessing4j-progress";
    /** The least time between two calls for one relay: a progress bar needs no more. */
    static final long INTERVAL_MILLIS = 50;
    /** How long the progress thread waits for another call before it ends. */
    static final long LINGER_MILLIS = 1000;
    private static final TimerThread NOTIFIER =
            new TimerThread(THREAD_NAME, LINGER_MILLIS, TimerThread.OnInterrupt.RUN_AT_ONCE);

    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
    /** Listeners added since the last call, which are owed one call even if nothing changed. */
    private final List<ProgressListener> added = new CopyOnWriteArrayList<>();
    /** Notifier thread only: the figures of the last call. */
    private long lastDone = -1;
    private long lastTotal = -2;
    /** Notifier thread only; when the last call began. */
    private long lastCallNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);

    /** @param total the tasks in the work, or -1 if not known */
    public ProgressRelay(long total) {
        this.total = total;
    }

    /** {@code count} more tasks have an outcome. Cheap: an atomic add, and a call scheduled if there are listeners. */
    public void advance(int count) {
        done.addAndGet(count);
        if (!listeners.isEmpty()) {
            schedule();
        }
    }

    /** The total is now {@code total} (a whole pool's grows as work is submitted). */
    public void total(long total) {
        this.total = total;
        if (!listeners.isEmpty()) {
            schedule();
        }
    }

    /** Adds {@code delta} to the total, for a pool whose total is what has been submitted. */
    void addToTotal(long delta) {
        synchronized (this) {
            total += delta;
        }
        if (!listeners.isEmpty()) {
            schedule();
        }
    }

    /** The figures now. */
    public Progress progress() {
        long t = total;
        long d = done.get();
        return new Progress(t >= 0 ? Math.min(d, t) : d, t);
    }

    /** Adds a listener; it is called soon with the figures then, and on every change after. */
    public void listen(ProgressListener listener) {
        added.add(listener);
        listeners.add(listener);
        schedule();
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            long wait = lastCallNanos + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS) - System.nanoTime();
            NOTIFIER.after(Math.max(0, wait), this::notifyListeners);
        }
    }

    /** On the notifier thread. */
    private void notifyListeners() {
        pending.set(false);
        Progress now = progress();
        boolean changed = now.done() != lastDone || now.total() != lastTotal;
        lastDone = now.done();
        lastTotal = now.total();
        lastCallNanos = System.nanoTime();
        for (ProgressListener listener : listeners) {
            boolean owed = added.remove(listener);
            if (changed || owed) {
                call(listener, now);
            }
        }
    }

    private static void call(ProgressListener listener, Progress now) {
        try {
            listener.onProgress(now);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            System.getLogger(PoolEvents.LOGGER_NAME).log(Level.WARNING, "a progress listener threw at " + now
                    + "; it is called again on the next change", e);
        }
    }
}
