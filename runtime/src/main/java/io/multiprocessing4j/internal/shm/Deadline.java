package io.multiprocessing4j.internal.shm;

import java.time.Duration;
import java.util.Objects;

/**
 * The time left to a blocking call, cut into {@link Futex} slices: how a waiter in this package
 * sleeps at most a slice at a time, to look at its interrupt status and at the processes it waits
 * for, and returns on time.
 *
 * <p>Slices start short (1 ms) and double up to {@link Futex#SLICE_NANOS}: a waiter whose waker
 * cannot wake it (a process that has not loaded its native support yet, or a wake spent on a
 * sleeper that died) loses a millisecond or two, not a whole slice, while a long wait still wakes
 * only every {@code SLICE_NANOS}. Not thread-safe: one per blocking call.
 */
public final class Deadline {

    private static final long FIRST_SLICE_NANOS = 1_000_000;

    private final long start = System.nanoTime();
    private final long nanos;
    private long nextSlice = FIRST_SLICE_NANOS;

    private Deadline(long nanos) {
        this.nanos = nanos;
    }

    /** A deadline {@code nanos} from now; negative means none. */
    public static Deadline in(long nanos) {
        return new Deadline(nanos);
    }

    /**
     * A timeout given by a user, in nanoseconds: a negative one is 0 (do not wait), one too long
     * for a {@code long} is the longest there is.
     *
     * @throws NullPointerException naming {@code what} if the timeout is null
     */
    public static long nanos(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The next sleep: the time left, at most a slice; 0 once the deadline has passed. */
    public long slice() {
        long slice = nextSlice;
        nextSlice = Math.min(slice * 2, Futex.SLICE_NANOS);
        if (nanos < 0) {
            return slice;
        }
        long left = nanos - (System.nanoTime() - start);
        return left <= 0 ? 0 : Math.min(left, slice);
    }

    /** The time left; 0 once the deadline has passed, {@code Long.MAX_VALUE} without one. */
    public long remaining() {
        if (nanos < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, nanos - (System.nanoTime() - start));
    }

    /** Whether the deadline has passed (never, without one). */
    public boolean passed() {
        return nanos >= 0 && System.nanoTime() - start >= nanos;
    }
}
