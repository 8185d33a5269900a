package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.launch.ChildJvm;
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
 * The parent's view of one pool worker: the units it holds, in the order it runs them, and the
 * frames waiting to be sent to it. Everything but {@link #flush()} is guarded by the pool's lock.
 *
 * <p>Frames are queued under the lock and written outside it, in queue order, so a slow socket
 * never holds up the pool, and the order in which units were assigned is the order in which the
 * worker receives, and therefore runs, them.
 */
final class WorkerHandle implements ChildJvm.Listener {

    private final PoolCore pool;
    final String name;
    /** Set once the worker has connected; its frames can arrive only after that. */
    volatile ChildJvm jvm;

    /** Units sent and not answered, oldest (the running one) first. */
    final ArrayDeque<Unit> inFlight = new ArrayDeque<>();
    /** Frames to send: units, or cancel and shutdown requests. */
    private final ArrayDeque<Frame> outbox = new ArrayDeque<>();
    private final Object sendLock = new Object();
    /** The batch being sent; guarded by {@link #sendLock}. */
    private final Frame[] batch = new Frame[32];

    /** Set once the worker has run its initializer and said so. */
    boolean ready;
    /** The initializer's exception, if it threw. */
    Throwable initializerFailure;
    /** Units sent so far, for {@code maxTasksPerChild}. */
    int unitsSent;
    /** Takes no more work: it has reached {@code maxTasksPerChild}, or is shutting down. */
    boolean retiring;
    /** Takes no more work: it is about to exit (timed out, cancelled, killed). */
    boolean dying;
    /** The worker said it halts to stop a unit that was cancelled while running. */
    boolean haltingForCancel;
    /** The worker said a task ran past its limit and it halts; nothing it sends after counts. */
    boolean timedOut;
    /** The unit this worker was killed for by the parent's own deadline. */
    Unit killedForTimeout;
    /**
     * The parent's deadline for the running unit, a backstop for the worker's own watchdog; or,
     * once the worker said it halts, the kill that follows if it does not.
     */
    ScheduledFuture<?> backstop;

    /** Set when the worker has exited, even if that happened before the pool took it in. */
    boolean exited;

    WorkerHandle(PoolCore pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    /** Whether the pool may give this worker another unit. */
    boolean takesWork(int maxInFlight) {
        return ready && !retiring && !dying && inFlight.size() < maxInFlight;
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
                    jvm.sendAll(batch, count);
                } catch (IOException e) {
                    // the worker is gone; its exit hands its units back to the pool
                }
                Arrays.fill(batch, 0, count, null);
            }
        }
    }

    @Override
    public void onFrame(ChildJvm child, int type, ByteBuffer body) {
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
    public void onFrameTooLarge(ChildJvm child, FrameTooLargeException e) {
        if ((e.type() == FrameType.RESULTS || e.type() == FrameType.TIMED_OUT) && e.head().remaining() >= 12) {
            pool.onResultsTooLarge(this, ResultsFrame.read(e.type(), e.head()), e.length(), e.error());
        } else {
            child.kill();
        }
    }

    @Override
    public void onIdle(ChildJvm child) {
        pool.flushPending();
    }

    @Override
    public void onExit(ChildJvm child, ExitStatus status) {
        pool.onExit(this, child, status);
    }

    @Override
    public String toString() {
        ChildJvm child = jvm;
        return child == null ? name : child.toString();
    }
}
