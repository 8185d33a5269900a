package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.ProcessTree;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.ResultsFrame;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces a pool task's time limit inside the worker, where the start of each task of a chunk is
 * known exactly. When a task overruns, the watchdog sends the parent the results of the unit's
 * earlier tasks and the index of the one that overran, then halts the JVM: a running Java method
 * cannot be stopped any other way. The parent keeps its own deadline and kills this JVM in case it
 * cannot even run this thread or cannot halt.
 *
 * <p>A task that ends just as its limit passes is claimed once: the runner's {@link #disarm} and
 * the watchdog's firing both compare-and-set the one {@link Armed} record, and whichever loses
 * does nothing more for that task. The record is immutable, so the watchdog never reports one
 * task's index with another's results.
 *
 * <p>Arming costs one small object and a volatile write per task; the thread is only woken when a
 * new deadline is earlier than the one it sleeps towards.
 */
final class Watchdog extends Thread {

    /** The exit code of a worker halted by its watchdog. */
    static final int TIMEOUT_EXIT_CODE = 3;

    /** What is being timed: task {@code index} of a unit, and the unit's results before it. */
    static final class Armed {
        final long unitId;
        final int index;
        final ResultsFrame results;
        /** The end of the earlier tasks' results; the runner writes nothing there until disarmed. */
        final int mark;
        final long deadline;

        Armed(long unitId, int index, ResultsFrame results, int mark, long deadline) {
            this.unitId = unitId;
            this.index = index;
            this.results = results;
            this.mark = mark;
            this.deadline = deadline;
        }
    }

    /** Set in place of the armed record once the watchdog has claimed it. */
    private static final Armed FIRED = new Armed(-1, -1, null, 0, 0);

    private final FrameChannel parent;
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private volatile long sleepingUntil = Long.MAX_VALUE;
    private boolean started;

    Watchdog(FrameChannel parent) {
        super("multiprocessing4j-watchdog");
        setDaemon(true);
        this.parent = parent;
    }

    /**
     * Starts timing task {@code index} of unit {@code unitId}; {@code results} holds the results of
     * the unit's earlier tasks and must not be written to again until {@link #disarm} succeeds.
     * Called by the thread that runs units.
     *
     * @return the record to pass to {@link #disarm}
     */
    Armed arm(long unitId, int index, long timeoutNanos, ResultsFrame results) {
        if (!started) {
            started = true;
            start();
        }
        Armed next = new Armed(unitId, index, results, results.mark(), System.nanoTime() + timeoutNanos);
        armed.set(next);
        if (next.deadline - sleepingUntil < 0) {
            LockSupport.unpark(this);
        }
        return next;
    }

    /**
     * Stops timing the task armed as {@code task}.
     *
     * @return false if the watchdog claimed the task first: it is reporting it as timed out and
     *     halting the JVM, and the caller must send nothing more
     */
    boolean disarm(Armed task) {
        return armed.compareAndSet(task, null);
    }

    @Override
    public void run() {
        while (true) {
            Armed task = armed.get();
            if (task == null || task == FIRED) {
                sleepingUntil = Long.MAX_VALUE;
                LockSupport.park(this);
                continue;
            }
            long left = task.deadline - System.nanoTime();
            if (left > 0) {
                sleepingUntil = task.deadline;
                LockSupport.parkNanos(this, left);
                continue;
            }
            if (armed.compareAndSet(task, FIRED)) {
                fire(task);
            }
        }
    }

    private void fire(Armed task) {
        try {
            parent.send(task.results.timedOutAt(task.index, task.mark));
        } catch (IOException e) {
            // the parent is gone; halting is all that is left
        } finally {
            ProcessTree.killDescendants(); // the task's own processes die with it
            Runtime.getRuntime().halt(TIMEOUT_EXIT_CODE);
        }
    }
}
