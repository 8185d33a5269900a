package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.ProcessTree;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.UnitCodec;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces a pool task's time limit inside the worker, where the start of each task of a chunk is
 * known exactly. When a task overruns, the watchdog sends the parent the results of the unit's
 * earlier tasks and the index of the one that overran, then halts the JVM: a running Java method
 * cannot be stopped any other way. The parent keeps its own, looser deadline in case this JVM
 * cannot even run this thread.
 *
 * <p>Arming costs two volatile writes per task; the thread is only woken when a new deadline is
 * earlier than the one it sleeps towards.
 */
final class Watchdog extends Thread {

    /** The exit code of a worker halted by its watchdog. */
    static final int TIMEOUT_EXIT_CODE = 3;

    private final FrameChannel parent;

    private volatile long unitId;
    private volatile int index;
    private volatile Encoder results;
    private volatile int resultsSize;
    private volatile long armed;
    /** 0 when disarmed. Written last by {@link #arm}, so the fields above are visible with it. */
    private volatile long deadline;
    private volatile long sleepingUntil = Long.MAX_VALUE;
    private boolean started;

    Watchdog(FrameChannel parent) {
        super("multiprocessing4j-watchdog");
        setDaemon(true);
        this.parent = parent;
    }

    /**
     * Starts timing task {@code index} of unit {@code unitId}; {@code results} holds the results of
     * the unit's earlier tasks and is not written to again until {@link #disarm()}.
     */
    void arm(long unitId, int index, long timeoutNanos, Encoder results) {
        if (!started) {
            started = true;
            start();
        }
        this.unitId = unitId;
        this.index = index;
        this.results = results;
        this.resultsSize = results.size();
        armed++;
        long due = System.nanoTime() + timeoutNanos;
        deadline = due;
        if (due - sleepingUntil < 0) {
            LockSupport.unpark(this);
        }
    }

    void disarm() {
        deadline = 0;
    }

    @Override
    public void run() {
        while (true) {
            long arming = armed;
            long due = deadline;
            if (due == 0) {
                sleepingUntil = Long.MAX_VALUE;
                LockSupport.park(this);
                continue;
            }
            long left = due - System.nanoTime();
            if (left > 0) {
                sleepingUntil = due;
                LockSupport.parkNanos(this, left);
                continue;
            }
            if (arming == armed && deadline == due) {
                fire();
            }
        }
    }

    private void fire() {
        Encoder body = new Encoder(resultsSize);
        body.writeLong(unitId);
        body.writeInt(index);
        results.copyTo(UnitCodec.RESULTS_HEADER_BYTES, resultsSize - UnitCodec.RESULTS_HEADER_BYTES, body);
        try {
            parent.send(FrameType.TIMED_OUT, body);
        } catch (IOException e) {
            // the parent is gone; halting is all that is left
        }
        ProcessTree.killDescendants(); // the task's own processes die with it
        Runtime.getRuntime().halt(TIMEOUT_EXIT_CODE);
    }
}
