package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ReplacementReason;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.wire.Frame;
import io.multiprocessing4j.internal.wire.FrameTooLargeException;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ReadyFrame;
import io.multiprocessing4j.internal.wire.ResultsFrame;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;

/**
 * The parent's view of one pool worker: its lifecycle, the units it holds, in the order it runs
 * them, and the frames waiting to be sent to it. Everything but {@link #flush()} and the
 * connection is guarded by the pool's lock.
 *
 * <p>Frames are queued under the lock and written outside it, in queue order, so a slow socket
 * never holds up the pool, and the order in which units were assigned is the order in which the
 * worker receives, and therefore runs, them.
 */
final class WorkerHandle implements WorkerLauncher.Events {

    /**
     * A worker's lifecycle. {@code STARTING -> READY -> RETIRING -> STOPPING -> EXITED} is an
     * ordinary life; from {@code READY} or {@code RETIRING} a worker may go to
     * {@code TIMED_OUT} or {@code CANCELLING} (it said it halts), and from any state but
     * {@code EXITED} to {@code KILLED} (the parent killed it) or straight to {@code EXITED}
     * (it died).
     */
    enum State {
        /** Connected, running its initializer; takes no work yet. */
        STARTING,
        /** Takes work. */
        READY,
        /** Finishes what it holds, then is told to stop: it reached maxTasksPerChild, or the pool closes. */
        RETIRING,
        /** Told to stop; exits when its last unit is done. */
        STOPPING,
        /** Said a task ran past its limit and that it halts; nothing it sends counts any more. */
        TIMED_OUT,
        /** Said it halts to stop a unit cancelled while running; nothing it sends counts any more. */
        CANCELLING,
        /**
         * Killed by the parent: its deadline passed, its initializer ran past the time limit, or
         * the pool was terminated.
         */
        KILLED,
        /** Gone. */
        EXITED;

        /** Whether frames from a worker in this state are still applied. */
        boolean heard() {
            return this == STARTING || this == READY || this == RETIRING || this == STOPPING;
        }

        /** Whether a worker in this state counts towards the pool's size. */
        boolean serving() {
            return this == STARTING || this == READY;
        }
    }

    private final PoolCore pool;
    final String name;
    /** Set once the worker has connected; its frames can arrive only after that. */
    volatile WorkerLauncher.Connection connection;

    State state = State.STARTING;
    /** Units sent and not answered, oldest (the running one) first. */
    final ArrayDeque<Unit> inFlight = new ArrayDeque<>();
    /** Frames to send: units, or cancel and shutdown requests. */
    private final ArrayDeque<Frame> outbox = new ArrayDeque<>();
    private final Object sendLock = new Object();
    /** The batch being sent; guarded by {@link #sendLock}. */
    private final Frame[] batch = new Frame[32];

    /** The initializer's exception, if it threw. */
    Throwable initializerFailure;
    /** Why the pool retires this worker, once it has decided to; {@code null} before, or for a close. */
    ReplacementReason retiredFor;
    /** What made the pool retire it, for the log: "it ran its maxTasksPerChild of 4 units of work". */
    String retiredWhy;
    /** Units sent so far, for {@code maxTasksPerChild}. */
    int unitsSent;
    /** Killed because its initializer ran past the pool's time limit. */
    boolean initializerTimedOut;
    /** The unit this worker was killed for by the parent's own deadline. */
    Unit killedForTimeout;
    /**
     * The parent's deadline for the running unit, a backstop for the worker's own watchdog; or,
     * once the worker said it halts, the kill that follows if it does not.
     */
    ScheduledFuture<?> backstop;

    WorkerHandle(PoolCore pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    /** Records why the pool retires this worker; the first reason stands. Under the lock. */
    void retire(ReplacementReason reason, String why) {
        if (retiredFor == null) {
            retiredFor = reason;
            retiredWhy = why;
        }
    }

    /** Whether the pool may give this worker another unit. */
    boolean takesWork(int maxInFlight) {
        return state == State.READY && inFlight.size() < maxInFlight;
    }

    void queue(Frame frame) {
        outbox.add(frame);
    }

    /**
     * Sends what has been queued, in order, small frames together in one write. Called outside
     * the pool's lock.
     */
    void flush() {
        synchronized (sendLock) {
            while (true) {
                int count = 0;
                synchronized (pool.lock) {
                    for (Frame next; count < batch.length && (next = outbox.poll()) != null; count++) {
                        batch[count] = next;
                    }
                }
                if (count == 0) {
                    return;
                }
                try {
                    connection.sendAll(batch, count);
                } catch (IOException e) {
                    // the worker is gone; its exit hands its units back to the pool
                }
                Arrays.fill(batch, 0, count, null);
            }
        }
    }

    /** Kills the worker's process, if it has connected; its exit follows as an event. */
    void kill() {
        WorkerLauncher.Connection connected = connection;
        if (connected != null) {
            connected.kill();
        }
    }

    @Override
    public void onFrame(int type, ByteBuffer body) {
        switch (type) {
            case FrameType.RESULTS:
            case FrameType.TIMED_OUT:
                pool.onResults(this, ResultsFrame.read(type, body));
                break;
            case FrameType.READY:
                pool.onReady(this, ReadyFrame.read(body, pool.loaderForInitializer()));
                break;
            default:
                throw new WireException(this + " sent a frame of unknown type " + type, null);
        }
    }

    @Override
    public void onFrameTooLarge(FrameTooLargeException e) {
        if ((e.type() == FrameType.RESULTS || e.type() == FrameType.TIMED_OUT) && e.head().remaining() >= 12) {
            pool.onResultsTooLarge(this, ResultsFrame.read(e.type(), e.head()), e.length(), e.error());
        } else {
            kill();
        }
    }

    @Override
    public void onIdle() {
        pool.flushPending();
    }

    @Override
    public void onExit(ExitStatus status) {
        pool.onExit(this, status);
    }

    @Override
    public String toString() {
        WorkerLauncher.Connection connected = connection;
        return connected == null ? name : connected.toString();
    }
}
