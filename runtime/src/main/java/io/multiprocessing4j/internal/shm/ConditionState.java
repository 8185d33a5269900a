package io.multiprocessing4j.internal.shm;

import java.nio.charset.StandardCharsets;

/**
 * The state behind {@code SharedCondition}: a sequence number that {@code signal} advances and
 * waiters sleep on, and the name of the lock the condition belongs to, so that a handle to the
 * condition alone finds its lock in another process.
 *
 * <p><b>Layout</b> after the {@link Header}:
 * <pre>
 *   +0   int  sequence: the futex word
 *   +4   int  sleepers
 *   +8   int  the lock's kind id
 *   +12  int  the length of the lock's segment name
 *   +16  the lock's segment name, ASCII, at most {@value #NAME_BYTES} bytes
 * </pre>
 *
 * <p><b>Protocol.</b> A waiter reads the sequence while it holds the lock, releases the lock and
 * sleeps while the sequence is unchanged. A signaller, holding the lock, advances the sequence and
 * wakes one sleeper ({@code signalAll}: all). A waiter that reached the futex after the advance
 * does not sleep, so no signal is lost. Other sleepers notice the advance when their slice ends
 * and return too: a spurious wakeup, which {@code Condition} allows and every waiter's loop
 * tolerates. Conditions have no owner of their own; the lock's owner-death rules apply.
 */
public final class ConditionState {

    static final int NAME_BYTES = 64;
    private static final int SEQUENCE = Header.BYTES;
    private static final int SLEEPERS = SEQUENCE + 4;
    private static final int LOCK_KIND = SEQUENCE + 8;
    private static final int NAME_LENGTH = SEQUENCE + 12;
    private static final int NAME = SEQUENCE + 16;
    /** The bytes after the header. */
    public static final int PAYLOAD = 16 + NAME_BYTES;

    private final Segment segment;

    /** A view of the condition in {@code segment}. */
    public ConditionState(Segment segment) {
        this.segment = segment;
        Futex.prepare();
    }

    /** Fills in a new condition's lock; its header is written already. */
    public static ConditionState initialize(Segment segment, SharedKind lockKind, String lockName) {
        byte[] name = lockName.getBytes(StandardCharsets.US_ASCII);
        if (name.length > NAME_BYTES) {
            throw new IllegalArgumentException("segment name " + lockName + " is too long");
        }
        for (int i = 0; i < name.length; i++) {
            segment.buffer().put(NAME + i, name[i]);
        }
        Atomics.INT.setVolatile(segment.buffer(), LOCK_KIND, lockKind.id());
        Atomics.INT.setVolatile(segment.buffer(), NAME_LENGTH, name.length);
        return new ConditionState(segment);
    }

    /** The segment the condition lives in. */
    public Segment segment() {
        return segment;
    }

    /** The kind of the condition's lock, or {@code null} if the segment names none. */
    public SharedKind lockKind() {
        return SharedKind.byId((int) Atomics.INT.getVolatile(segment.buffer(), LOCK_KIND));
    }

    /** The segment name of the condition's lock (checked when it is opened). */
    public String lockName() {
        int length = Math.max(0, Math.min(NAME_BYTES, (int) Atomics.INT.getVolatile(segment.buffer(), NAME_LENGTH)));
        byte[] name = new byte[length];
        for (int i = 0; i < length; i++) {
            name[i] = segment.buffer().get(NAME + i);
        }
        return new String(name, StandardCharsets.US_ASCII);
    }

    /**
     * Releases {@code lock} fully, waits for a signal at most {@code nanos} (forever if negative),
     * and takes the lock back with as many holds as before, whatever happens.
     *
     * @return whether a signal (or a spurious wakeup) ended the wait, rather than the time
     * @throws IllegalMonitorStateException if this thread does not hold {@code lock}
     * @throws InterruptedException if interrupted before or while waiting (the lock is held again)
     */
    public boolean await(RobustLock lock, long nanos, boolean interruptible) throws InterruptedException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("await on a shared condition needs its lock held by this thread");
        }
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        int sequence = sequence();
        Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, 1);
        int holds = lock.unlockFully();
        boolean interrupted = false;
        boolean signalled = false;
        try {
            Deadline deadline = Deadline.in(nanos);
            for (;;) {
                if (sequence() != sequence) {
                    signalled = true;
                    break;
                }
                long slice = deadline.slice();
                if (slice == 0) {
                    break;
                }
                Futex.await(segment, SEQUENCE, sequence, slice);
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (interruptible) {
                        break;
                    }
                }
            }
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, -1);
            lock.reacquire(holds);
        }
        if (interrupted) {
            if (interruptible) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /**
     * Wakes one waiter ({@code all}: every waiter).
     *
     * @throws IllegalMonitorStateException if this thread does not hold {@code lock}
     */
    public void signal(RobustLock lock, boolean all) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("signal on a shared condition needs its lock held by this thread");
        }
        Atomics.INT.getAndAdd(segment.buffer(), SEQUENCE, 1);
        if ((int) Atomics.INT.getVolatile(segment.buffer(), SLEEPERS) > 0) {
            Futex.wake(segment, SEQUENCE, all ? Integer.MAX_VALUE : 1);
        }
    }

    private int sequence() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), SEQUENCE);
    }
}
