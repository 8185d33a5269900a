package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.LockBackend;
import io.multiprocessing4j.internal.shm.RobustLock;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * A reentrant lock shared by the processes of a program: Python's {@code multiprocessing.RLock},
 * with the {@link Lock} interface; the thread that holds it may take it again, and must release
 * it as many times. Create it in any process with {@link #create()} and pass it to a
 * {@code @Worker} or {@code @PoolTask} method (or return it from one): it arrives as a handle to
 * the same lock, not a copy. Unlike Python, it may be passed to pool tasks, not only at process
 * start.
 *
 * <p><b>Ownership.</b> A thread of a process holds it, as with Java's and Python's locks: only
 * that thread may {@link #unlock()} it; any other thread, in this process or another, gets
 * {@link IllegalMonitorStateException}. The holder's {@link #holdCount()} counts its holds; the
 * lock is free once the last is released. A thread may hold it at most
 * {@link Integer#MAX_VALUE} times: one more throws {@code Error("Maximum lock count exceeded")},
 * as {@code ReentrantLock} does, and the holds stay as they were.
 *
 * <p><b>When the holder dies.</b> If the process holding the lock ends without unlocking it
 * ({@code System.exit}, {@code Runtime.halt}, {@code kill -9}, a crash), a waiting process takes
 * it over within about a quarter of a second, where Python's would deadlock every other process:
 * a waiter that has seen the same holder for 200 ms checks whether its process lives, and exactly
 * one waiter takes the lock over if not. Whatever the lock guarded may then be half-updated: the
 * new holder can tell with {@link #previousHolderDied()} and repair it. A thread that ends
 * holding the lock while its process goes on keeps it held, as with any Java lock.
 *
 * <p><b>Costs.</b> An uncontended lock and unlock: a compare-and-swap and three accesses to
 * shared memory, about 40 ns together once compiled (measured on the project's machine). A
 * waiter spins briefly, then sleeps in the kernel (a futex on Linux; elsewhere it polls),
 * waking only every 50 ms to look at its interrupt status, its deadline and the holder: a
 * blocked waiter's thread used 0.3 to 0.7 % of a core on the project's machine. Each lock takes
 * a page of shared memory until the program ends: create locks for the program's life, not one
 * per task.
 *
 * <p>Interrupts: {@link #lockInterruptibly()} and {@link #tryLock(long, TimeUnit)} notice an
 * interrupt within 50 ms; {@link #lock()} ignores it (and keeps the thread's interrupt status),
 * as {@link Lock} specifies.
 */
public final class SharedRLock extends SharedObject implements Lock {

    private final LockBackend lock;

    private SharedRLock(Segment segment) {
        super(segment);
        this.lock = new RobustLock(segment, Header.BYTES, true);
    }

    private SharedRLock(LockBackend served) {
        super(served);
        this.lock = served;
    }

    /** A lock a manager's server holds, for {@link Manager}. */
    static SharedRLock over(LockBackend served) {
        return new SharedRLock(served);
    }

    /**
     * A new, unlocked lock: a page of the program's shared memory, which stays until the program
     * ends.
     *
     * @return the new lock, to pass to other processes
     * @throws java.io.UncheckedIOException if its shared memory cannot be created (the message
     *     says where, and how to choose another place)
     */
    public static SharedRLock create() {
        return new SharedRLock(Header.create(SharedKind.RLOCK, RobustLock.BYTES, 0));
    }

    static SharedRLock open(String name) {
        return new SharedRLock(Header.open(name, SharedKind.RLOCK, detail -> RobustLock.BYTES));
    }

    /** The lock in shared memory; only for a lock that is not a manager's. */
    RobustLock robustLock() {
        return (RobustLock) lock;
    }

    /**
     * Takes the lock, waiting as long as it takes; if this thread holds it already, adds a hold
     * and returns at once. An interrupt does not end the wait: the thread's interrupt status is
     * set again when it returns. If the holder's process dies, one waiter takes the lock over
     * within about a quarter of a second (and then sees {@link #previousHolderDied()}).
     *
     * @throws Error if this thread holds the lock {@link Integer#MAX_VALUE} times already
     */
    @Override
    public void lock() {
        try {
            lock.lock(-1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /**
     * Takes the lock, waiting until it is free or this thread is interrupted; if this thread
     * holds it already, adds a hold. An interrupt is noticed within 50 ms; a dead holder's lock
     * is taken over as by {@link #lock()}.
     *
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if the lock is free or this thread holds it), or while it waits; the lock is not taken,
     *     and the interrupt status is cleared
     * @throws Error if this thread holds the lock {@link Integer#MAX_VALUE} times already
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        lock.lock(-1, true);
    }

    /**
     * Takes the lock if it is free now, or adds a hold if this thread holds it; never waits. A
     * lock whose holder's process died is taken over only by a caller that retries: once calls
     * on this object have seen the same holder for 200 ms, a call checks whether that holder's
     * process lives, and takes the lock over if not.
     *
     * @return whether this thread now holds the lock
     * @throws Error if this thread holds the lock {@link Integer#MAX_VALUE} times already
     */
    @Override
    public boolean tryLock() {
        return lock.tryLock();
    }

    /**
     * Takes the lock if it becomes free within {@code time}, or adds a hold if this thread holds
     * it; returns once the time is up otherwise. A timeout of 0 or less only tries, after a brief
     * spin. A dead holder's lock is taken over as by {@link #lock()}, so only by a wait of 200 ms
     * or more.
     *
     * @param time the longest wait; 0 or less only tries
     * @param unit the unit of {@code time}
     * @return whether this thread now holds the lock; false if the time ran out
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if the lock is free or this thread holds it), or while it waits (noticed within 50 ms);
     *     the lock is not taken, and the interrupt status is cleared
     * @throws NullPointerException if {@code unit} is null
     * @throws Error if this thread holds the lock {@link Integer#MAX_VALUE} times already
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return lock.lock(Math.max(0, unit.toNanos(time)), true);
    }

    /**
     * Releases one hold; the last one frees the lock and wakes one waiter, in any process.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock; the message
     *     says whether it is free, held by another thread here, or by another process
     */
    @Override
    public void unlock() {
        lock.unlock();
    }

    /**
     * A new condition of this lock, shared like the lock. Pass it with the lock to the processes
     * that wait and signal on it (a handle to the condition also leads to the lock). Each call
     * makes a new condition: in shared memory, a page of its own until the program ends; for a
     * manager's rlock ({@link Manager#rlock()}), an object on its server, beside the lock, which
     * clients on other machines share too (find it by name with
     * {@link Manager#condition(SharedRLock, String)}). A round trip for a manager's.
     *
     * @return the new condition
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped
     * @throws ManagerGoneException if this is a manager's rlock and its server is gone
     */
    @Override
    public SharedCondition newCondition() {
        if (segment == null) {
            return SharedCondition.over(lock.newCondition(null));
        }
        return SharedCondition.create(SharedKind.RLOCK, segment, robustLock());
    }

    /**
     * Whether some thread of some process holds the lock now, a dead process included until a
     * waiter takes its lock over. A snapshot, for monitoring: it may have changed by the time
     * it returns.
     *
     * @return whether the lock is held
     */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * How many times the current thread holds the lock.
     *
     * @return its holds: 0 if it does not hold the lock
     */
    public int holdCount() {
        return lock.holdCount();
    }

    /**
     * Whether the current thread holds the lock.
     *
     * @return whether this thread holds it, however many times
     */
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * Whether the current thread holds the lock and took it over from a process that died
     * holding it (Python deadlocks here instead). The state the lock guards may be half-updated:
     * check or repair it before relying on it. False again once the last of this hold's holds
     * is released. A {@link SharedCondition#await()} that takes the lock back from a dead holder
     * makes it true too.
     *
     * @return whether this thread's current hold was taken over from a dead process
     */
    public boolean previousHolderDied() {
        return lock.acquiredFromDeadOwner();
    }

    /** {@code SharedRLock[unlocked]} or {@code SharedRLock[locked]}. */
    @Override
    public String toString() {
        return "SharedRLock[" + (lock.isLocked() ? "locked" : "unlocked") + "]";
    }
}
