package io.multiprocessing4j.internal.manager;

/**
 * A manager's lock or rlock, held by its server: owned by a thread of a client process, as a Java
 * lock is by a thread; only that thread may release it. When the owner's client disconnects or
 * dies holding it, it is released and its next holder is told ({@link #fromDeadOwner}), as a lock
 * in shared memory tells a waiter that took it over from a dead process. Waiters wait on this
 * object's monitor, and so do those of its conditions ({@link ServerCondition}), whose state it
 * guards too.
 */
final class ServerLock implements ClientHolds {

    private final boolean reentrant;
    private Owner owner;
    private int holds;
    /** Whether the last holder's client went away holding it: the next hold inherits it. */
    private boolean abandoned;
    /** Whether the current hold was taken over from a holder whose client went away. */
    private boolean takenFromDead;

    ServerLock(boolean reentrant) {
        this.reentrant = reentrant;
    }

    boolean reentrant() {
        return reentrant;
    }

    /**
     * Takes the lock for {@code who}, waiting at most {@code nanos}. A non-reentrant lock taken
     * again by its owner waits, as the shared-memory lock does (for ever, or until the time runs out).
     */
    synchronized boolean lock(Owner who, long nanos) throws InterruptedException {
        if (reentrant && who.equals(owner)) {
            if (holds == Integer.MAX_VALUE) {
                throw new Error("Maximum lock count exceeded");
            }
            holds++;
            return true;
        }
        TimedWait wait = new TimedWait(nanos);
        while (owner != null) {
            if (!wait.await(this)) {
                return false;
            }
        }
        owner = who;
        holds = 1;
        takenFromDead = abandoned;
        abandoned = false;
        return true;
    }

    synchronized void unlock(Owner who) {
        requireHeld(who, "unlock");
        if (--holds == 0) {
            owner = null;
            takenFromDead = false;
            notifyAll();
        }
    }

    /**
     * Throws unless {@code who} holds the lock.
     *
     * @throws IllegalMonitorStateException naming {@code action} and who holds the lock instead
     */
    synchronized void requireHeld(Owner who, String action) {
        if (!who.equals(owner)) {
            throw new IllegalMonitorStateException("this thread does not hold the manager's "
                    + (reentrant ? "rlock" : "lock") + ", which " + action + " needs" + (owner == null ? "; it is free"
                    : owner.client() == who.client() ? "; another thread of this process holds it"
                    : "; another process holds it"));
        }
    }

    /**
     * Releases every hold of {@code who} at once, for a condition's await, and says how many
     * there were; {@link #tryRestore} puts them back.
     *
     * @throws IllegalMonitorStateException if {@code who} does not hold the lock
     */
    synchronized int releaseFully(Owner who) {
        requireHeld(who, "await");
        int held = holds;
        owner = null;
        holds = 0;
        takenFromDead = false;
        notifyAll();
        return held;
    }

    /**
     * Takes the lock for {@code who} with {@code count} holds if it is free, after
     * {@link #releaseFully}; never waits (the caller waits on this object's monitor).
     */
    synchronized boolean tryRestore(Owner who, int count) {
        if (owner != null) {
            return false;
        }
        owner = who;
        holds = count;
        takenFromDead = abandoned;
        abandoned = false;
        return true;
    }

    synchronized boolean isLocked() {
        return owner != null;
    }

    synchronized int holdCount(Owner who) {
        return who.equals(owner) ? holds : 0;
    }

    synchronized boolean fromDeadOwner(Owner who) {
        return who.equals(owner) && takenFromDead;
    }

    @Override
    public synchronized void clientGone(long client) {
        if (owner != null && owner.client() == client) {
            owner = null;
            holds = 0;
            takenFromDead = false;
            abandoned = true;
            notifyAll();
        }
    }
}
