package io.multiprocessing4j.internal.manager;

import java.util.ArrayDeque;

/**
 * A condition of a manager's lock or rlock, held by its server and bound to that lock for good.
 * Its wait set is guarded by the lock's monitor, and its waiters wait there, with the lock's: so a
 * signal, a timeout and a cancel are ordered, and a waiter either takes a signal or leaves the
 * wait set, never both (no signal is spent on a waiter that stopped waiting, and there are no
 * spurious wake-ups). A waiting call that is interrupted (its client cancelled it, or is gone)
 * leaves at once without taking the lock back ({@link AwaitOutcome}).
 */
final class ServerCondition {

    /** One waiting call; its flag is set, under the lock's monitor, by the signal that releases it. */
    private static final class Waiter {
        boolean signalled;
    }

    private final ServerLock lock;
    /** The waiters, first come first; guarded by {@link #lock}'s monitor. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    ServerCondition(ServerLock lock) {
        this.lock = lock;
    }

    ServerLock lock() {
        return lock;
    }

    /**
     * Releases {@code who}'s holds of the lock, waits at most {@code nanos} (negative: as long as
     * it takes) for a signal, and takes the lock back with as many holds.
     *
     * @return an {@link AwaitOutcome}
     * @throws IllegalMonitorStateException if {@code who} does not hold the lock
     */
    long await(Owner who, long nanos) {
        synchronized (lock) {
            int holds = lock.releaseFully(who);
            Waiter self = new Waiter();
            waiters.add(self);
            TimedWait wait = new TimedWait(nanos);
            try {
                while (!self.signalled && wait.await(lock)) {
                    // woken by a signal, maybe another's, or by the lock's release: look again
                }
            } catch (InterruptedException e) {
                waiters.remove(self);
                return AwaitOutcome.notHeld(self.signalled ? AwaitOutcome.SIGNALLED : AwaitOutcome.INTERRUPTED, holds);
            }
            waiters.remove(self);
            int outcome = self.signalled ? AwaitOutcome.SIGNALLED : AwaitOutcome.TIMED_OUT;
            try {
                while (!lock.tryRestore(who, holds)) {
                    lock.wait();
                }
            } catch (InterruptedException e) {
                return AwaitOutcome.notHeld(outcome, holds);
            }
            return outcome;
        }
    }

    /**
     * Takes the lock back for {@code who} with {@code holds} holds, after an await that gave it up.
     *
     * @throws InterruptedException if the call is cancelled (its client is gone)
     */
    void reacquire(Owner who, int holds) throws InterruptedException {
        if (holds < 1) {
            throw new ServerObjects.Refused("a lock is taken back with at least one hold, not " + holds);
        }
        synchronized (lock) {
            while (!lock.tryRestore(who, holds)) {
                lock.wait();
            }
        }
    }

    /**
     * Releases the first waiter, or every waiter if {@code all}; nothing if nobody waits.
     *
     * @throws IllegalMonitorStateException if {@code who} does not hold the lock
     */
    void signal(Owner who, boolean all) {
        synchronized (lock) {
            lock.requireHeld(who, all ? "signalAll" : "signal");
            if (waiters.isEmpty()) {
                return;
            }
            do {
                waiters.poll().signalled = true;
            } while (all && !waiters.isEmpty());
            lock.notifyAll();
        }
    }
}
