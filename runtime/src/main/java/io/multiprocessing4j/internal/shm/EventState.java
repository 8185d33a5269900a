package io.multiprocessing4j.internal.shm;

/**
 * The state behind {@code SharedEvent}: a flag that waiters sleep on until it is set, and a count
 * of the sets, so that a waiter also returns for a set that a {@code clear()} undid before it
 * looked (Python's {@code Event.set()} releases every waiter, however soon the flag is cleared).
 *
 * <p><b>Layout</b> after the {@link Header}: {@code +0 int word}, the futex word: bit 0 is the flag,
 * the other bits count the sets that found the flag clear (modulo 2<sup>31</sup>);
 * {@code +4 int sleepers} (how many threads may be asleep; {@link #set()} makes the wake call only
 * when there are some).
 *
 * <p><b>Protocol.</b> {@link #set()} CASes the word from clear to set with the count advanced;
 * {@link #clear()} CASes the flag bit off and keeps the count. A waiter that finds the flag clear
 * remembers the word: any change after that is a set (a clear of a clear flag changes nothing), so
 * it returns as soon as the word differs from the one it remembered, whether the flag is still set
 * or not. It counts itself among the sleepers before it looks at the word the last time and sleeps
 * on it; the setter changes the word before it reads the count: with both accesses volatile,
 * either the waiter sees the new word or the setter sees the waiter. A waiter could miss a pulse
 * only if exactly 2<sup>31</sup> pulses came between two of its looks (it looks at least every
 * 50 ms): not a concern. A waiter killed while counted in leaves the count one too high, which
 * costs later {@code set()}s a needless wake call (about 2 µs) and nothing else.
 *
 * <p>Events have no owner, so a death never leaves one in a state that needs repair.
 */
public final class EventState implements EventBackend {

    /** The bytes after the header. */
    public static final int PAYLOAD = 8;
    private static final int WORD = Header.BYTES;
    private static final int SLEEPERS = Header.BYTES + 4;
    private static final int FLAG = 1;
    /** What one set adds to the word besides the flag: the count lives above bit 0. */
    private static final int ONE_SET = 2;
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

    /** Sets the flag and wakes every waiter; does nothing if it is set. */
    public void set() {
        for (;;) {
            int word = word();
            if ((word & FLAG) != 0) {
                return;
            }
            if (Atomics.INT.compareAndSet(segment.buffer(), WORD, word, (word + ONE_SET) | FLAG)) {
                break;
            }
        }
        if ((int) Atomics.INT.getVolatile(segment.buffer(), SLEEPERS) > 0) {
            Futex.wake(segment, WORD, Integer.MAX_VALUE);
        }
    }

    /** Clears the flag; the count of sets stays. */
    public void clear() {
        for (;;) {
            int word = word();
            if ((word & FLAG) == 0
                    || Atomics.INT.compareAndSet(segment.buffer(), WORD, word, word & ~FLAG)) {
                return;
            }
        }
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return (word() & FLAG) != 0;
    }

    /**
     * Waits until the event is set, or has been set (and maybe cleared again) since this call
     * began, at most {@code nanos} (forever if negative).
     *
     * @return true if the flag was set when the call began or has been set since; false if the
     *     time ran out first
     * @throws InterruptedException if the thread is interrupted before (even if the flag is set)
     *     or while waiting
     */
    public boolean await(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        int seen = word();
        if ((seen & FLAG) != 0) {
            return true;
        }
        for (int spins = SPINS; spins > 0; spins--) {
            if (word() != seen) {
                return true;
            }
            Thread.onSpinWait();
        }
        Deadline deadline = Deadline.in(nanos);
        Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, 1);
        try {
            while (word() == seen) {
                long slice = deadline.slice();
                if (slice == 0) {
                    return false;
                }
                Futex.await(segment, WORD, seen, slice);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, -1);
        }
    }

    private int word() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), WORD);
    }
}
