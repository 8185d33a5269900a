package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.shm.SemaphoreBackend;

/** A manager's semaphore: every call goes to the server, which counts the permits each client took. */
final class RemoteSemaphore extends RemoteObject implements SemaphoreBackend {

    RemoteSemaphore(ManagerClient client, int id) {
        super(client, id, Op.SEMAPHORE);
    }

    @Override
    public boolean tryAcquire() {
        return (Boolean) call(Op.SEMAPHORE_ACQUIRE, 0L);
    }

    @Override
    public boolean acquire(long nanos) throws InterruptedException {
        if (nanos == 0 && Thread.interrupted()) {
            throw new InterruptedException();
        }
        return (Boolean) callWaiting(true, nanos, Op.SEMAPHORE_ACQUIRE);
    }

    @Override
    public void release() {
        call(Op.SEMAPHORE_RELEASE);
    }

    @Override
    public int availablePermits() {
        return (Integer) call(Op.SEMAPHORE_AVAILABLE);
    }

    @Override
    public boolean isBounded() {
        return false;
    }
}
