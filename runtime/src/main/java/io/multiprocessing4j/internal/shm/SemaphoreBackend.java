package io.multiprocessing4j.internal.shm;

/**
 * What a {@code SharedSemaphore} is underneath: {@link SemaphoreState} in the program's shared
 * memory, or a manager's semaphore held by its server. Timeouts in nanoseconds as
 * {@link LockBackend}'s. Implementations are thread-safe.
 */
public interface SemaphoreBackend {

    /** Takes a permit if one is available now; never waits. */
    boolean tryAcquire();

    /**
     * Takes a permit, waiting at most {@code nanos} for one.
     *
     * @return whether a permit was taken
     * @throws InterruptedException if interrupted before or while waiting; no permit is taken
     */
    boolean acquire(long nanos) throws InterruptedException;

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException if the semaphore is bounded and all its permits are in
     */
    void release();

    /** The permits available now. */
    int availablePermits();

    /** Whether a release above the initial count is refused. */
    boolean isBounded();
}
