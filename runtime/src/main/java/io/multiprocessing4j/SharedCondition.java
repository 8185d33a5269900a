package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.ConditionState;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.RobustLock;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * A condition of a {@link SharedLock} or {@link SharedRLock}, shared by the processes of a
 * program: Python's {@code multiprocessing.Condition}. Made by the lock's {@code newCondition()};
 * pass it to other processes with its lock (a handle to the condition leads to the same lock).
 *
 * <p>As with any {@link Condition}: the calling thread must hold the lock to wait or signal
 * ({@link IllegalMonitorStateException} otherwise); waiting releases the lock fully (every hold
 * of an {@code RLock}) and takes it back, with as many holds, before returning, however the wait
 * ends; and waiters must re-check what they wait for in a loop, because a wait may also end
 * spuriously. Here that happens a little more often than in one JVM: a {@link #signal()} wakes one
 * sleeper at once, and may end the wait of the others when they next look, within 50 ms.
 *
 * <p>If the lock's holder dies, the lock's rules apply (see {@link SharedLock}): a waiter gets
 * the lock back when it is taken over. Waiting costs no CPU; interrupts are noticed within 50 ms.
 */
public final class SharedCondition extends SharedObject implements Condition {

    private final ConditionState state;
    private final RobustLock lock;

    private SharedCondition(Segment segment, RobustLock lock) {
        super(segment);
        this.state = new ConditionState(segment);
        this.lock = lock;
    }

    static SharedCondition create(SharedKind lockKind, Segment lockSegment, RobustLock lock) {
        Segment segment = Header.create(SharedKind.CONDITION, ConditionState.PAYLOAD, 0);
        ConditionState.initialize(segment, lockKind, lockSegment.name());
        return new SharedCondition(segment, lock);
    }

    static SharedCondition open(String name) {
        Segment segment = Header.open(name, SharedKind.CONDITION, detail -> ConditionState.PAYLOAD);
        ConditionState state = new ConditionState(segment);
        SharedKind lockKind = state.lockKind();
        RobustLock lock;
        if (lockKind == SharedKind.LOCK) {
            lock = SharedLock.open(state.lockName()).robustLock();
        } else if (lockKind == SharedKind.RLOCK) {
            lock = SharedRLock.open(state.lockName()).robustLock();
        } else {
            throw new IllegalArgumentException("shared condition " + name + " names no lock: it is corrupt");
        }
        return new SharedCondition(segment, lock);
    }

    /**
     * Releases the lock, waits for a signal, and takes the lock back.
     *
     * @throws InterruptedException if interrupted before or while waiting; the lock is held again
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    @Override
    public void await() throws InterruptedException {
        state.await(lock, -1, true);
    }

    /** As {@link #await()}, but an interrupt does not end the wait (the interrupt status is kept). */
    @Override
    public void awaitUninterruptibly() {
        try {
            state.await(lock, -1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /**
     * Waits at most {@code nanosTimeout}.
     *
     * @return an estimate of the time left; 0 or less if the time is up
     * @throws InterruptedException if interrupted before or while waiting; the lock is held again
     */
    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long start = System.nanoTime();
        state.await(lock, Math.max(0, nanosTimeout), true);
        return nanosTimeout - (System.nanoTime() - start);
    }

    /**
     * Waits at most {@code time}.
     *
     * @return false if the time ran out, true if a signal (or a spurious wakeup) ended the wait
     * @throws InterruptedException if interrupted before or while waiting; the lock is held again
     */
    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return state.await(lock, Math.max(0, unit.toNanos(time)), true);
    }

    /**
     * Waits until {@code deadline} at most.
     *
     * @return false if the deadline passed, true otherwise
     * @throws InterruptedException if interrupted before or while waiting; the lock is held again
     */
    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return state.await(lock, TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)), true);
    }

    /**
     * Wakes one waiter, in any process.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    @Override
    public void signal() {
        state.signal(lock, false);
    }

    /**
     * Wakes every waiter, in every process.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    @Override
    public void signalAll() {
        state.signal(lock, true);
    }

    @Override
    public String toString() {
        return "SharedCondition[of " + state.lockName() + "]";
    }
}
