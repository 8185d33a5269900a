package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.BoundCondition;
import io.multiprocessing4j.internal.shm.ConditionBackend;
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
 * ends; and waiters must re-check what they wait for in a loop, as with any {@code Condition}.
 * A {@link #signal()} releases exactly one of the threads waiting when it comes, in whichever
 * process; the others keep waiting. {@link #signalAll()} releases all of them. A signal that
 * comes while nobody waits is lost, as with any {@code Condition}. A waiter whose time runs out
 * or that is interrupted as a signal comes for it takes the signal (it returns as signalled,
 * keeping the interrupt status), so that no signal is spent on a thread that has stopped
 * waiting.
 *
 * <p><b>Spurious wake-ups</b> are rare: a waiter returns without a signal only after a process
 * died while it waited on the same condition, once per such death, when a later
 * {@code signal()} finds two threads waiting and releases both (the dead waiter still counts as
 * waiting, and a signal released for it is taken by another). {@code signalAll()} forgets dead
 * waiters.
 *
 * <p><b>When a process dies.</b> If the lock's holder dies, the lock's rules apply (see
 * {@link SharedLock}): a waiter gets the lock back when it is taken over, and then the lock's
 * {@code previousHolderDied()} is true. If the process that would have signalled dies, nothing
 * tells the waiters: an untimed wait waits for ever, so wait with a timeout where that can
 * happen.
 *
 * <p><b>A manager's condition</b> ({@code newCondition()} of a {@link Manager#lock()} or
 * {@link Manager#rlock()}, or the named {@link Manager#condition(SharedLock, String)}) is held by
 * the manager's server beside its lock, so processes on other machines share it too. The rules
 * above hold, with two differences: it has no spurious wake-ups, and a client that disconnects or
 * dies while it waits ({@code kill -9} included) leaves the wait set at once, so that no signal
 * is spent on it; one that dies holding the lock releases it, as the manager's lock does. Every
 * call is a round trip to the server; a waiter waits on a server thread, costs no CPU in its own
 * process, and notices an interrupt within 50 ms. If the server dies, a waiting call fails with
 * {@link ManagerGoneException}.
 *
 * <p><b>Costs</b> (in shared memory). A wait begins with an atomic add to shared memory; a signal is a
 * compare-and-set and an atomic add, and one system call when someone sleeps. A waiter sleeps in
 * the kernel, waking only every 50 ms to look around, so interrupts are noticed within 50 ms. Each condition takes a page of shared memory until the
 * program ends.
 */
public final class SharedCondition extends SharedObject implements Condition {

    private final ConditionBackend condition;

    private SharedCondition(Segment segment, RobustLock lock) {
        super(segment);
        this.condition = new BoundCondition(new ConditionState(segment), lock);
    }

    private SharedCondition(ConditionBackend served) {
        super(served);
        this.condition = served;
    }

    /** A condition a manager's server holds, for {@link SharedLock#newCondition()} and {@link Manager}. */
    static SharedCondition over(ConditionBackend served) {
        return new SharedCondition(served);
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
     * Releases the lock (every hold of an {@code RLock}), waits for a signal, and takes the lock
     * back with as many holds. Taking it back waits as long as it takes, uninterruptibly. A wait
     * that a signal ended before an interrupt was noticed returns normally, with the interrupt
     * status still set.
     *
     * @throws InterruptedException if interrupted before or while waiting (noticed within 50 ms);
     *     the lock is held again, and the interrupt status is cleared
     * @throws IllegalMonitorStateException if this thread does not hold the lock; nothing is
     *     released
     */
    @Override
    public void await() throws InterruptedException {
        condition.await(-1, true);
    }

    /**
     * As {@link #await()}, but an interrupt does not end the wait: the thread's interrupt status
     * is set again when it returns.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    @Override
    public void awaitUninterruptibly() {
        try {
            condition.await(-1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /**
     * As {@link #await()}, waiting at most {@code nanosTimeout}. A timeout of 0 or less does not
     * wait, but still releases the lock and takes it back.
     *
     * @param nanosTimeout the longest wait, in nanoseconds
     * @return {@code nanosTimeout} less the time this call took, taking the lock back included:
     *     0 or less if the time is up
     * @throws InterruptedException if interrupted before or while waiting; the lock is held again
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long start = System.nanoTime();
        condition.await(Math.max(0, nanosTimeout), true);
        return nanosTimeout - (System.nanoTime() - start);
    }

    /**
     * As {@link #await()}, waiting at most {@code time}. A timeout of 0 or less does not wait,
     * but still releases the lock and takes it back.
     *
     * @param time the longest wait
     * @param unit the unit of {@code time}
     * @return false if the time ran out, true if a signal (or a spurious wakeup) ended the wait
     * @throws InterruptedException if interrupted before or while waiting; the lock is held again
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return condition.await(Math.max(0, unit.toNanos(time)), true);
    }

    /**
     * As {@link #await()}, waiting until {@code deadline} at most. The deadline is turned into a
     * wait of the time left when this is called: a change of the system clock during the wait
     * does not move it.
     *
     * @param deadline the wall-clock time when the wait ends at the latest
     * @return false if the time ran out, true if a signal (or a spurious wakeup) ended the wait
     * @throws InterruptedException if interrupted before or while waiting; the lock is held again
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws NullPointerException if {@code deadline} is null
     */
    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return condition.await(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)), true);
    }

    /**
     * Releases one of the threads waiting now, in any process, and wakes it at once; the others
     * keep waiting. Nothing happens if nobody waits. One compare-and-set and one atomic add to
     * shared memory, and one system call if someone sleeps.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    @Override
    public void signal() {
        condition.signal(false);
    }

    /**
     * Releases and wakes every thread waiting now, in every process. Nothing happens if nobody
     * waits.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    @Override
    public void signalAll() {
        condition.signal(true);
    }

    /**
     * {@code SharedCondition[of lock-...]} (or {@code rlock-...}): the name of its lock's shared
     * memory; for a manager's condition, {@code SharedCondition[condition #id at host:port]}.
     */
    @Override
    public String toString() {
        return segment == null ? "SharedCondition[" + served() + "]"
                : "SharedCondition[of " + ((BoundCondition) condition).lockName() + "]";
    }
}
