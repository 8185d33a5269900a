package io.multiprocessing4j.internal.shm;

/**
 * What a {@code SharedLock} or {@code SharedRLock} is underneath: the public classes check
 * arguments and delegate here. {@link RobustLock} keeps the lock in the program's shared memory; a
 * manager's lock keeps it in its server and implements this interface with calls to it. The
 * holder is always the calling thread of the calling process.
 *
 * <p>Timeouts are in nanoseconds: negative waits for as long as it takes, anything else waits at
 * most that long. Implementations are thread-safe.
 */
public interface LockBackend {

    /** Takes the lock if it is free (or this thread holds it and it is reentrant); never waits. */
    boolean tryLock();

    /**
     * Takes the lock, waiting at most {@code nanos}.
     *
     * @param interruptible whether an interrupt ends the wait; if not, the interrupt status is
     *     set again on return
     * @return whether this thread now holds it
     * @throws InterruptedException if {@code interruptible} and interrupted before or while waiting
     */
    boolean lock(long nanos, boolean interruptible) throws InterruptedException;

    /**
     * Releases one hold of this thread.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    void unlock();

    /** Whether some thread of some process holds it now. */
    boolean isLocked();

    /** Whether this thread holds it. */
    boolean isHeldByCurrentThread();

    /** This thread's holds: 0 if it does not hold the lock. */
    int holdCount();

    /** Whether this thread's current hold was taken over from a holder that died. */
    boolean acquiredFromDeadOwner();

    /**
     * A condition of this lock held where the lock is: a manager's lock makes one on its server,
     * the one of that name if {@code name} is not null (made if there is none yet).
     *
     * @throws UnsupportedOperationException for a lock in shared memory, whose conditions are
     *     segments of their own ({@code SharedCondition.create}), never made here
     * @throws IllegalStateException if the server's object of that name is not a condition of this lock
     */
    default ConditionBackend newCondition(String name) {
        throw new UnsupportedOperationException("a shared-memory lock's conditions are made in shared memory");
    }
}
