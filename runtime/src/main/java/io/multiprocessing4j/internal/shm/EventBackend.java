package io.multiprocessing4j.internal.shm;

/**
 * What a {@code SharedEvent} is underneath: {@link EventState} in the program's shared memory, or
 * a manager's event held by its server. Timeouts in nanoseconds as {@link LockBackend}'s.
 * Implementations are thread-safe.
 */
public interface EventBackend {

    /** Sets the flag and releases every thread waiting now. */
    void set();

    /** Clears the flag. */
    void clear();

    /** Whether the flag is set now. */
    boolean isSet();

    /**
     * Waits at most {@code nanos} until the flag is set.
     *
     * @return whether it was set (or pulsed) before the time ran out
     * @throws InterruptedException if interrupted before or while waiting
     */
    boolean await(long nanos) throws InterruptedException;
}
