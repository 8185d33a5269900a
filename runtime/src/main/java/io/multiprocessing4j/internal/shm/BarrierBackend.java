package io.multiprocessing4j.internal.shm;

/**
 * What a {@code SharedBarrier} is underneath: {@link BarrierState} in the program's shared memory,
 * or a manager's barrier held by its server. Timeouts in nanoseconds as {@link LockBackend}'s.
 * Implementations are thread-safe.
 */
public interface BarrierBackend {

    /** The parties of each round. */
    int parties();

    /** How many wait in this round now. */
    int numberWaiting();

    /** Whether the barrier is broken. */
    boolean isBroken();

    /**
     * Arrives and waits for the others, at most {@code nanos}; a timeout or an interrupt breaks
     * the barrier for everyone. Never throws: the outcome says how it ended.
     */
    BarrierState.Arrival await(long nanos);

    /** Breaks the barrier until {@link #reset()}. */
    void abort();

    /** Makes the barrier whole and starts a new round; those waiting find it broken. */
    void reset();
}
