package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.shm.IntBackend;

/** A manager's int: every call goes to the server's {@code AtomicInteger}. */
final class RemoteInt extends RemoteObject implements IntBackend {

    RemoteInt(ManagerClient client, int id) {
        super(client, id, Op.INT);
    }

    @Override
    public int get() {
        return (Integer) call(Op.INT_GET);
    }

    @Override
    public void set(int value) {
        call(Op.INT_SET, value);
    }

    @Override
    public int getAndSet(int value) {
        return (Integer) call(Op.INT_GET_AND_SET, value);
    }

    @Override
    public int getAndAdd(int delta) {
        return (Integer) call(Op.INT_GET_AND_ADD, delta);
    }

    @Override
    public boolean compareAndSet(int expected, int value) {
        return (Boolean) call(Op.INT_COMPARE_AND_SET, expected, value);
    }
}
