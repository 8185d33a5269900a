package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.shm.ConditionBackend;

/**
 * A manager's condition: every call goes to the server, which knows the caller by client and
 * thread, as its lock does. An await the server ended without taking the lock back (this thread
 * was interrupted as it waited: see {@link AwaitOutcome}) takes it back here, uninterruptibly, as
 * {@link java.util.concurrent.locks.Condition} requires, before it returns or throws.
 */
final class RemoteCondition extends RemoteObject implements ConditionBackend {

    RemoteCondition(ManagerClient client, int id) {
        super(client, id, Op.CONDITION);
    }

    @Override
    public boolean await(long nanos, boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long encoded = (Long) callWaiting(interruptible, nanos, Op.CONDITION_AWAIT, thread());
        int outcome = AwaitOutcome.outcome(encoded);
        if (!AwaitOutcome.held(encoded)) {
            // the call was cancelled by this thread's interrupt, whose status the client set again
            boolean interrupted = Thread.interrupted();
            callWaiting(false, -1L, Op.CONDITION_REACQUIRE, thread(), AwaitOutcome.holds(encoded));
            if (outcome == AwaitOutcome.INTERRUPTED) {
                throw new InterruptedException();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return outcome == AwaitOutcome.SIGNALLED;
    }

    @Override
    public void signal(boolean all) {
        call(Op.CONDITION_SIGNAL, thread(), all);
    }
}
