package io.multiprocessing4j.internal.manager;

/**
 * How a condition's await ended, as the one long its reply carries: {@link #TIMED_OUT} or
 * {@link #SIGNALLED} with the lock held again; or, negative, that outcome or {@link #INTERRUPTED}
 * with the lock <em>not</em> held, and the holds to take back. The server gives the lock back
 * instead of taking it again when the waiting call is interrupted (the client cancelled it, or
 * is gone): a server thread never waits for a lock on behalf of a client that may have died, and
 * a live client takes it back itself ({@link Op#CONDITION_REACQUIRE}).
 */
final class AwaitOutcome {

    static final int TIMED_OUT = 0;
    static final int SIGNALLED = 1;
    static final int INTERRUPTED = 2;

    private AwaitOutcome() {}

    /** The outcome {@code outcome} with the lock not held, {@code holds} to take back. */
    static long notHeld(int outcome, int holds) {
        return -(((long) holds << 2) | outcome);
    }

    /** Whether the lock is held again. */
    static boolean held(long encoded) {
        return encoded >= 0;
    }

    /** {@link #TIMED_OUT}, {@link #SIGNALLED} or {@link #INTERRUPTED}. */
    static int outcome(long encoded) {
        return (int) ((encoded < 0 ? -encoded : encoded) & 3);
    }

    /** The holds to take back, when the lock is not held. */
    static int holds(long encoded) {
        return (int) (-encoded >>> 2);
    }
}
