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
 *   +0  int   word: 0 when free, else the owner's {@link Lease} token, with WAITERS (bit 31) set
 *             while a thread may be asleep on it; the futex word
 *   +4  int   1 while the current hold was taken over from a dead owner
 *   +8  long  the owning thread's id, in the owner's process
 *  +16  int   holds (a reentrant lock counts them; otherwise 1)
 * </pre>
 *
 * <p><b>Protocol.</b> Acquire: CAS the word from 0 to this process's token; on failure spin
 * briefly, then set WAITERS and sleep on the word with {@link Futex}. Release: clear the thread,
 * swap the word to 0 and, if WAITERS was set, wake one sleeper (who sets WAITERS again when it
 * takes the lock, so that the next release wakes the next). The owning thread is only ever
 * compared by a thread of the owner's process, which is the only one that writes it.
 *
 * <p><b>Owner death.</b> A waiter that has seen the same owner for {@link #SUSPECT_NANOS} asks
 * {@link Lease#isAlive}; if the owner's process has ended, the waiter CASes the word from the
 * dead owner's token to its own, so that exactly one waiter takes it over, and marks the hold as
 * {@linkplain #acquiredFromDeadOwner() taken from a dead owner}. A dead owner's lock is thus free
 * again within about a quarter of a second of its death (the suspicion interval plus one futex
 * slice). A thread that dies holding the lock, in a process that goes on, keeps it held, as a
 * {@code java.util.concurrent} lock would.
 *
 * <p><b>Costs.</b> Uncontended lock and unlock: one CAS and one swap, tens of nanoseconds. A
 * sleeper wakes every {@link Futex#SLICE_NANOS} to check interrupts and its deadline, and every
 * {@link #SUSPECT_NANOS} checks the owner (about 15 µs): well under 0.1% of a core.
 *
 * <p>Thread-safe; an instance is a view of the segment's words, and any number of instances in
 * any number of processes may view the same lock.
 */
public final class RobustLock {

    /** The bytes a lock takes in a segment. */
    public static final int BYTES = 24;
    /** How long a waiter sees one owner before it checks that the owner still lives. */
    public static final long SUSPECT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final int WAITERS = 1 << 31;
    private static final int SPINS = 100;

    private final Segment segment;
    private final int word;
    private final int abandoned;
    private final int thread;
    private final int holds;
    private final boolean reentrant;
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
        this.abandoned = base + 4;
        this.thread = base + 8;
        this.holds = base + 16;
        this.reentrant = reentrant;
        Futex.prepare();
    }

    /** Takes the lock if it is free (or this thread holds it and it is reentrant); never waits. */
    public boolean tryLock() {
        int me = Lease.token();
        long self = Thread.currentThread().getId();
        if (reentrant && ownedBy(me, self)) {
            setHolds(holdCount() + 1);
            return true;
        }
        int seen = getWord();
        if (seen == 0 && Atomics.INT.compareAndSet(segment.buffer(), word, 0, me)) {
            owned(self, false);
            return true;
        }
        if (seen != 0 && suspectedDead(seen & ~WAITERS)
                && Atomics.INT.compareAndSet(segment.buffer(), word, seen, me | (seen & WAITERS))) {
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
        long self = Thread.currentThread().getId();
        if (reentrant && ownedBy(me, self)) {
            setHolds(holdCount() + 1);
            return true;
        }
        if (Atomics.INT.compareAndSet(segment.buffer(), word, 0, me)) {
            owned(self, false);
            return true;
        }
        return contended(me, self, nanos, interruptible);
    }

    private boolean contended(int me, long self, long nanos, boolean interruptible) throws InterruptedException {
        long start = System.nanoTime();
        boolean interrupted = false;
        int suspect = 0;
        long suspectSince = start;
        try {
            for (int spins = SPINS; ; ) {
                int seen = getWord();
                if (seen == 0) {
                    // WAITERS, because others may sleep: the one who woke us left it cleared
                    if (Atomics.INT.compareAndSet(segment.buffer(), word, 0, me | WAITERS)) {
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
                long remaining = nanos < 0 ? Futex.SLICE_NANOS : nanos - (now - start);
                if (remaining <= 0) {
                    return false;
                }
                if (Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
                int owner = seen & ~WAITERS;
                if (owner != suspect) {
                    suspect = owner;
                    suspectSince = now;
                } else if (now - suspectSince >= SUSPECT_NANOS) {
                    suspectSince = now;
                    if (!Lease.isAlive(owner)) {
                        if (Atomics.INT.compareAndSet(segment.buffer(), word, seen, me | WAITERS)) {
                            owned(self, true);
                            return true;
                        }
                        continue;
                    }
                }
                if ((seen & WAITERS) == 0
                        && !Atomics.INT.compareAndSet(segment.buffer(), word, seen, seen | WAITERS)) {
                    continue;
                }
                Futex.await(segment, word, seen | WAITERS, Math.min(remaining, Futex.SLICE_NANOS));
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
        int remaining = holdCount() - 1;
        if (remaining > 0) {
            setHolds(remaining);
            return;
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
        setHolds(count);
    }

    private void release() {
        Atomics.LONG.setVolatile(segment.buffer(), thread, 0L);
        Atomics.INT.setVolatile(segment.buffer(), abandoned, 0);
        Atomics.INT.setVolatile(segment.buffer(), holds, 0);
        int previous = (int) Atomics.INT.getAndSet(segment.buffer(), word, 0);
        if ((previous & WAITERS) != 0) {
            Futex.wake(segment, word, 1);
        }
    }

    private void owned(long self, boolean fromDeadOwner) {
        Atomics.LONG.setVolatile(segment.buffer(), thread, self);
        Atomics.INT.setVolatile(segment.buffer(), abandoned, fromDeadOwner ? 1 : 0);
        setHolds(1);
    }

    private boolean ownedBy(int me, long self) {
        return (getWord() & ~WAITERS) == me && (long) Atomics.LONG.getVolatile(segment.buffer(), thread) == self;
    }

    /** Whether the current thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return ownedBy(Lease.token(), Thread.currentThread().getId());
    }

    /** Whether some thread of some process holds the lock (a dead owner included, until it is taken over). */
    public boolean isLocked() {
        return getWord() != 0;
    }

    /** The current thread's holds: 0 if it does not hold the lock. */
    public int holdCount() {
        return isHeldByCurrentThread() ? (int) Atomics.INT.getVolatile(segment.buffer(), holds) : 0;
    }

    /**
     * Whether the current thread holds the lock and took it over from a process that died
     * holding it: whatever the lock guarded may be half-updated. Cleared by the release.
     */
    public boolean acquiredFromDeadOwner() {
        return isHeldByCurrentThread() && (int) Atomics.INT.getVolatile(segment.buffer(), abandoned) == 1;
    }

    /** The owner's lease token, or 0 when the lock is free. */
    public int ownerToken() {
        return getWord() & ~WAITERS;
    }

    private void setHolds(int count) {
        Atomics.INT.setVolatile(segment.buffer(), holds, count);
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
