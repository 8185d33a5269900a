package io.multiprocessing4j.internal.shm;

/**
 * The state behind {@code SharedEvent}: a flag that waiters sleep on until it is set.
 *
 * <p><b>Layout</b> after the {@link Header}: {@code +0 int flag} (0 or 1, the futex word),
 * {@code +4 int sleepers} (how many threads may be asleep; {@link #set()} makes the wake call only
 * when there are some). A waiter counts itself in before it checks the flag and sleeps, and the
 * setter sets the flag before it reads the count: with both accesses volatile, either the waiter
 * sees the flag or the setter sees the waiter. A waiter killed while counted in leaves the count
 * one too high, which costs later {@code set()}s a needless wake call (about 2 µs) and nothing else.
 *
 * <p>Events have no owner, so a death never leaves one in a state that needs repair.
 */
public final class EventState {

    /** The bytes after the header. */
    public static final int PAYLOAD = 8;
    private static final int FLAG = Header.BYTES;
    private static final int SLEEPERS = Header.BYTES + 4;
    private static final int SPINS = 200;

    private final Segment segment;

    /** A view of the event in {@code segment}. */
    public EventState(Segment segment) {
        this.segment = segment;
        Futex.prepare();
    }

    /** The segment the event lives in. */
    public Segment segment() {
        return segment;
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        if ((int) Atomics.INT.getAndSet(segment.buffer(), FLAG, 1) == 0
                && (int) Atomics.INT.getVolatile(segment.buffer(), SLEEPERS) > 0) {
            Futex.wake(segment, FLAG, Integer.MAX_VALUE);
        }
    }

    /** Clears the flag. */
    public void clear() {
        Atomics.INT.setVolatile(segment.buffer(), FLAG, 0);
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), FLAG) != 0;
    }

    /**
     * Waits until the flag is set, at most {@code nanos} (forever if negative).
     *
     * @return whether it is set
     * @throws InterruptedException if the thread is interrupted before (even if the flag is set)
     *     or while waiting
     */
    public boolean await(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        for (int spins = SPINS; spins > 0; spins--) {
            if (isSet()) {
                return true;
            }
            Thread.onSpinWait();
        }
        Deadline deadline = Deadline.in(nanos);
        Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, 1);
        try {
            while (!isSet()) {
                long slice = deadline.slice();
                if (slice == 0) {
                    return false;
                }
                Futex.await(segment, FLAG, 0, slice);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, -1);
        }
    }
}
