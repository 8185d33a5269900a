package io.multiprocessing4j.internal.shm;

import java.util.concurrent.TimeUnit;

/**
 * A mutual-exclusion lock in a segment, owned by one thread of one process, that is given back
 * when its owner's process dies: POSIX's "robust mutex", in shared memory. The lock behind
 * {@code SharedLock} and {@code SharedRLock}, and the guard of every shared object whose state
 * spans several words ({@link UndoLog}).
 *
 * <p><b>Layout</b> ({@value #BYTES} bytes at {@code base}, 8-aligned):
 * <pre>
 *   +0  int   word: 0 when free, else the owner's {@link Lease} token; the futex word
 *   +4  16 bytes unused
 *  +20  int   sleepers: threads asleep on the word, or about to be
 *  +24  int   1 while a release has woken a sleeper that has not run yet
 * </pre>
 *
 * <p>Which thread of the owner's process holds the lock, how many times, and whether the hold was
 * taken over from a dead owner only the owner's process needs to know: it keeps that in its own
 * heap ({@link Segment#local}, one {@code Owner} per lock and process, shared by every view of the
 * lock there), not in the segment. That leaves the fast path two shared accesses to lock (a CAS)
 * and three to unlock, each a microsecond or two while a fresh JVM still interprets them.
 *
 * <p><b>Protocol.</b> Acquire: CAS the word from 0 to this process's token; on failure spin
 * briefly, then count itself among the sleepers, look at the word once more and sleep on it with
 * {@link Futex} while it still shows the same owner. Release: clear the owner, set the word to
 * 0, and, if someone sleeps and no woken sleeper is on its way yet, wake one. With every access
 * volatile, either the release sees the sleeper or the sleeper sees the free word, so no wake is
 * lost; and a release does not pay for a system call while the sleeper it woke is still on its
 * way, so two processes taking turns at a hot lock mostly spin and barge, as threads on a
 * {@code ReentrantLock} do. A woken sleeper that dies before it runs leaves the flag set for at
 * most one slice: every sleeper clears it when it wakes, woken or not. The owning thread is only
 * ever compared by a thread of the owner's process, which is the only one that records it.
 *
 * <p><b>Owner death.</b> A waiter that has seen the same owner for {@link #SUSPECT_NANOS} asks
 * {@link Lease#isAlive}; if the owner's process has ended, the waiter CASes the word from the
 * dead owner's token to its own, so that exactly one waiter takes it over, and marks the hold as
 * {@linkplain #acquiredFromDeadOwner() taken from a dead owner}. A dead owner's lock is thus free
 * again within about a quarter of a second of its death (the suspicion interval plus one futex
 * slice). A thread that dies holding the lock, in a process that goes on, keeps it held, as a
 * {@code java.util.concurrent} lock would.
 *
 * <p><b>Costs.</b> Uncontended lock and unlock: a CAS, then a read, a write and a read of shared
 * memory, about 40 ns together once compiled (measured). Those few shared-memory accesses are all
 * the fast path does, because each costs a microsecond or two while a fresh child JVM still
 * interprets it. A
 * sleeper wakes every {@link Futex#SLICE_NANOS} to check interrupts and its deadline, and every
 * {@link #SUSPECT_NANOS} checks the owner (under 0.2 ms): measured, its thread uses 0.3 to 0.7 %
 * of a core (the README's figure; {@code SharedLockTest} only asserts at most 3 %).
 *
 * <p>Thread-safe; an instance is a view of the segment's words, and any number of instances in
 * any number of processes may view the same lock.
 */
public final class RobustLock implements LockBackend {

    /** The bytes a lock takes in a segment. */
    public static final int BYTES = 32;
    /** How long a waiter sees one owner before it checks that the owner still lives. */
    public static final long SUSPECT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int SPINS = 1000;

    private final Segment segment;
    private final int word;
    private final Owner owner;
    private final int sleepers;
    private final int woken;
    private final boolean reentrant;
    /** What this process knows about its own hold of one lock; shared by its views of the lock. */
    private static final class Owner {
        /** The holding thread of this process, or null. Written last when taken, first when released. */
        volatile Thread thread;
        /** Holds of the holding thread (reentrant locks). */
        volatile int holds;
        /** Whether the current hold was taken over from a dead owner. */
        volatile boolean fromDeadOwner;
    }
    private int tryLockSuspect;
    private long tryLockSuspectSince;

    /**
     * A view of the lock at {@code base} of {@code segment}.
     *
     * @param reentrant whether its owner may take it again (counting holds) or, like Python's
     *     {@code Lock}, blocks when it tries
     */
    public RobustLock(Segment segment, int base, boolean reentrant) {
        this.segment = segment;
        this.word = base;
        this.owner = (Owner) segment.local(base, Owner::new);
        this.sleepers = base + 20;
        this.woken = base + 24;
        this.reentrant = reentrant;
        Futex.prepare();
    }

    /** Takes the lock if it is free (or this thread holds it and it is reentrant); never waits. */
    public boolean tryLock() {
        int me = Lease.token();
        Thread self = Thread.currentThread();
        if (reentrant && ownedBy(me, self)) {
            addHold();
            return true;
        }
        int seen = getWord();
        if (seen == 0 && Atomics.INT.compareAndSet(segment.buffer(), word, 0, me)) {
            owned(self, false);
            return true;
        }
        if (seen != 0 && suspectedDead(seen)
                && Atomics.INT.compareAndSet(segment.buffer(), word, seen, me)) {
            owned(self, true);
            return true;
        }
        return false;
    }

    /**
     * For {@link #tryLock}, which a caller may call in a loop: the owner is checked only once it
     * has been seen holding the lock for {@link #SUSPECT_NANOS}, as a waiter would check it.
     * (Racy between threads, harmlessly: at worst a check is made twice or a little late.)
     */
    private boolean suspectedDead(int owner) {
        long now = System.nanoTime();
        if (owner != tryLockSuspect) {
            tryLockSuspect = owner;
            tryLockSuspectSince = now;
            return false;
        }
        if (now - tryLockSuspectSince < SUSPECT_NANOS) {
            return false;
        }
        tryLockSuspectSince = now;
        return !Lease.isAlive(owner);
    }

    /**
     * Takes the lock, waiting at most {@code nanos} (forever if negative).
     *
     * @param interruptible whether an interrupt ends the wait with {@code InterruptedException}
     *     (it is checked at least every {@link Futex#SLICE_NANOS}); if not, the interrupt status
     *     is kept for the caller
     * @return whether the lock was taken
     */
    public boolean lock(long nanos, boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        int me = Lease.token();
        Thread self = Thread.currentThread();
        if (reentrant && ownedBy(me, self)) {
            addHold();
            return true;
        }
        if (Atomics.INT.compareAndSet(segment.buffer(), word, 0, me)) {
            owned(self, false);
            return true;
        }
        return contended(me, self, nanos, interruptible);
    }

    private boolean contended(int me, Thread self, long nanos, boolean interruptible) throws InterruptedException {
        Deadline deadline = Deadline.in(nanos);
        boolean interrupted = false;
        int suspect = 0;
        long suspectSince = System.nanoTime();
        try {
            for (int spins = SPINS; ; ) {
                int seen = getWord();
                if (seen == 0) {
                    if (Atomics.INT.compareAndSet(segment.buffer(), word, 0, me)) {
                        owned(self, false);
                        return true;
                    }
                    continue;
                }
                if (spins > 0) {
                    spins--;
                    Thread.onSpinWait();
                    continue;
                }
                long now = System.nanoTime();
                if (deadline.passed()) {
                    return false;
                }
                if (Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
                if (seen != suspect) {
                    suspect = seen;
                    suspectSince = now;
                } else if (now - suspectSince >= SUSPECT_NANOS) {
                    suspectSince = now;
                    if (!Lease.isAlive(seen)) {
                        if (Atomics.INT.compareAndSet(segment.buffer(), word, seen, me)) {
                            owned(self, true);
                            return true;
                        }
                        continue;
                    }
                }
                long slice = deadline.slice();
                if (slice == 0) {
                    return false;
                }
                sleep(seen, slice);
                spins = SPINS / 10; // woken: look around a little before sleeping again
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One more hold for the owning thread of a reentrant lock.
     *
     * @throws Error "Maximum lock count exceeded", as {@code ReentrantLock} throws, rather than
     *     let the count wrap (which would free the lock at the next unlock); the holds are unchanged
     */
    private void addHold() {
        int holds = owner.holds;
        if (holds == Integer.MAX_VALUE) {
            throw new Error("Maximum lock count exceeded");
        }
        owner.holds = holds + 1;
    }

    private void sleep(int owner, long nanos) {
        Atomics.INT.getAndAdd(segment.buffer(), sleepers, 1);
        try {
            if (getWord() == owner) {
                Futex.await(segment, word, owner, nanos);
            }
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), sleepers, -1);
            Atomics.INT.setVolatile(segment.buffer(), woken, 0);
        }
    }

    /**
     * Releases one hold; the last one frees the lock and wakes a waiter.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    public void unlock() {
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException(describeNotHeld());
        }
        if (reentrant) {
            int count = owner.holds;
            if (count > 1) {
                owner.holds = count - 1;
                return;
            }
        }
        release();
    }

    /**
     * Releases every hold of this thread at once and returns how many there were, for a
     * condition's {@code await}; {@link #reacquire} puts them back.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    public int unlockFully() {
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException(describeNotHeld());
        }
        int count = holdCount();
        release();
        return count;
    }

    /** Takes the lock again, uninterruptibly, with {@code count} holds, after {@link #unlockFully}. */
    public void reacquire(int count) {
        try {
            lock(-1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
        if (reentrant) {
            owner.holds = count;
        }
    }

    private void release() {
        owner.thread = null;
        Atomics.INT.setVolatile(segment.buffer(), word, 0);
        if ((int) Atomics.INT.getVolatile(segment.buffer(), sleepers) > 0
                && Atomics.INT.compareAndSet(segment.buffer(), woken, 0, 1)) {
            Futex.wake(segment, word, 1);
        }
    }

    private void owned(Thread self, boolean fromDeadOwner) {
        owner.holds = 1;
        owner.fromDeadOwner = fromDeadOwner;
        owner.thread = self;
    }

    private boolean ownedBy(int me, Thread self) {
        return owner.thread == self && getWord() == me;
    }

    /** Whether the current thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return ownedBy(Lease.token(), Thread.currentThread());
    }

    /** Whether some thread of some process holds the lock (a dead owner included, until it is taken over). */
    public boolean isLocked() {
        return getWord() != 0;
    }

    /** The current thread's holds: 0 if it does not hold the lock. */
    public int holdCount() {
        if (!isHeldByCurrentThread()) {
            return 0;
        }
        return reentrant ? owner.holds : 1;
    }

    /**
     * Whether the current thread holds the lock and took it over from a process that died
     * holding it: whatever the lock guarded may be half-updated. Cleared by the release.
     */
    public boolean acquiredFromDeadOwner() {
        return isHeldByCurrentThread() && owner.fromDeadOwner;
    }

    /** The owner's lease token, or 0 when the lock is free. */
    public int ownerToken() {
        return getWord();
    }

    private int getWord() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), word);
    }

    private String describeNotHeld() {
        int owner = ownerToken();
        if (owner == 0) {
            return "the shared lock is not locked, so this thread cannot unlock it";
        }
        if (owner == Lease.token()) {
            return "the shared lock is held by another thread of this process, not by " + Thread.currentThread().getName();
        }
        return "the shared lock is held by another process, not by this thread";
    }
}
