package io.multiprocessing4j.internal.shm;

/**
 * What a {@code SharedCondition} is underneath: {@link BoundCondition} (a {@link ConditionState}
 * in the program's shared memory with its {@link RobustLock}), or a manager's condition held by
 * its server, bound to a lock of the same server. The caller is always the calling thread of the
 * calling process, which must hold the condition's lock. Timeouts in nanoseconds as
 * {@link LockBackend}'s. Implementations are thread-safe.
 */
public interface ConditionBackend {

    /**
     * Releases the lock fully (every hold), waits at most {@code nanos} for a signal, and takes
     * the lock back with as many holds, however the wait ends.
     *
     * @param interruptible whether an interrupt ends the wait; if not, the interrupt status is
     *     set again on return
     * @return whether a signal ended the wait, rather than the time
     * @throws InterruptedException if {@code interruptible} and interrupted before or while
     *     waiting, and no signal came for this waiter (the lock is held again)
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    boolean await(long nanos, boolean interruptible) throws InterruptedException;

    /**
     * Releases one waiter ({@code all}: every waiter); does nothing if nobody waits.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    void signal(boolean all);
}
