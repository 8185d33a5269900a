package io.multiprocessing4j.internal.shm;

import java.time.Duration;
import java.util.Objects;

/**
 * The time left to a blocking call, cut into {@link Futex} slices: how a waiter in this package
 * sleeps at most a slice at a time, to look at its interrupt status and at the processes it waits
 * for, and returns on time.
 */
public final class Deadline {

    private final long start = System.nanoTime();
    private final long nanos;

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
        if (nanos < 0) {
            return Futex.SLICE_NANOS;
        }
        long left = nanos - (System.nanoTime() - start);
        return left <= 0 ? 0 : Math.min(left, Futex.SLICE_NANOS);
    }

    /** Whether the deadline has passed (never, without one). */
    public boolean passed() {
        return nanos >= 0 && System.nanoTime() - start >= nanos;
    }
}
