package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.shm.EventBackend;

/** A manager's event: every call goes to the server. */
final class RemoteEvent extends RemoteObject implements EventBackend {

    RemoteEvent(ManagerClient client, int id) {
        super(client, id, Op.EVENT);
    }

    @Override
    public void set() {
        call(Op.EVENT_SET);
    }

    @Override
    public void clear() {
        call(Op.EVENT_CLEAR);
    }

    @Override
    public boolean isSet() {
        return (Boolean) call(Op.EVENT_IS_SET);
    }

    @Override
    public boolean await(long nanos) throws InterruptedException {
        if (nanos == 0 && Thread.interrupted()) {
            throw new InterruptedException();
        }
        return (Boolean) callWaiting(true, nanos, Op.EVENT_AWAIT);
    }
}
