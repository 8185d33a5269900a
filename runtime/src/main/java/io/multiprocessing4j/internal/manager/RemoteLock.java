package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.shm.ConditionBackend;
import io.multiprocessing4j.internal.shm.LockBackend;

/** A manager's lock or rlock: every call goes to the server, which knows the caller by client and thread. */
final class RemoteLock extends RemoteObject implements LockBackend {

    RemoteLock(ManagerClient client, int id, boolean reentrant) {
        super(client, id, reentrant ? Op.RLOCK : Op.LOCK);
    }

    @Override
    public boolean tryLock() {
        return (Boolean) call(Op.LOCK_LOCK, 0L, thread());
    }

    @Override
    public boolean lock(long nanos, boolean interruptible) throws InterruptedException {
        if (nanos == 0 && interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        return (Boolean) callWaiting(interruptible, nanos, Op.LOCK_LOCK, thread());
    }

    @Override
    public void unlock() {
        call(Op.LOCK_UNLOCK, thread());
    }

    @Override
    public boolean isLocked() {
        return (Boolean) call(Op.LOCK_IS_LOCKED);
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return (Boolean) call(Op.LOCK_IS_HELD, thread());
    }

    @Override
    public int holdCount() {
        return (Integer) call(Op.LOCK_HOLD_COUNT, thread());
    }

    @Override
    public boolean acquiredFromDeadOwner() {
        return (Boolean) call(Op.LOCK_FROM_DEAD, thread());
    }

    /** A new condition of this lock on its server, or the one named {@code name}. */
    @Override
    public ConditionBackend newCondition(String name) {
        return new RemoteCondition(client, (Integer) client.call(Op.SERVER, Op.CREATE, Op.CONDITION, name, id));
    }
}
