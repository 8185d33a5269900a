package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.ManagerHandles;

/**
 * What the backends of a manager's queues, locks, events, semaphores, barriers and ints share: the
 * client, the object's id and kind, the calls, the handle on the wire, and equality (two backends
 * are equal when they reach the same object of the same server).
 */
abstract class RemoteObject implements ManagerHandles.Handle {

    final ManagerClient client;
    final int id;
    private final int kind;

    RemoteObject(ManagerClient client, int id, int kind) {
        this.client = client;
        this.id = id;
        this.kind = kind;
    }

    /** A call that does not wait on the server. */
    final Object call(int op, Object... arguments) {
        return client.call(id, op, arguments);
    }

    /** A call that waits at most {@code nanos} on the server, its first argument; 0 does not wait. */
    final Object callWaiting(boolean interruptible, long nanos, int op, Object... arguments)
            throws InterruptedException {
        Object[] all = new Object[arguments.length + 1];
        all[0] = nanos;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return nanos == 0 ? client.call(id, op, all) : client.callWaiting(interruptible, id, op, all);
    }

    /** The calling thread, as a lock's owner on the server knows it (with this client's id). */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19's
    static long thread() {
        return Thread.currentThread().getId();
    }

    @Override
    public final void writeHandle(Encoder out) {
        ProxyReader.write(out, client, kind, id, "");
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof RemoteObject && ((RemoteObject) other).id == id
                && ((RemoteObject) other).kind == kind && ((RemoteObject) other).where().equals(where());
    }

    @Override
    public final int hashCode() {
        return 31 * where().hashCode() + id;
    }

    private String where() {
        return client.address().getHostString() + ":" + client.address().getPort();
    }

    @Override
    public String toString() {
        return Op.kindName(kind) + " #" + id + " at " + where();
    }
}
