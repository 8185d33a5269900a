package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.ManagerHandles;

/** The calls of one {@code @Managed} proxy: each goes to the server as one {@link Op#MANAGED_CALL}. */
final class RemoteManagedCalls implements ManagedCalls, ManagerHandles.Handle {

    private final ManagerClient client;
    private final int id;
    private final Class<?> type;

    RemoteManagedCalls(ManagerClient client, int id, Class<?> type) {
        this.client = client;
        this.id = id;
        this.type = type;
    }

    @Override
    public Object call(int method, String methodName, Object[] arguments) {
        try {
            return client.call(id, Op.MANAGED_CALL, method, arguments);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(methodName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeHandle(Encoder out) {
        ProxyReader.write(out, client, Op.MANAGED, id, type.getName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteManagedCalls && ((RemoteManagedCalls) other).id == id
                && ((RemoteManagedCalls) other).where().equals(where());
    }

    @Override
    public int hashCode() {
        return 31 * where().hashCode() + id;
    }

    private String where() {
        return client.address().getHostString() + ":" + client.address().getPort();
    }

    @Override
    public String toString() {
        return "proxy #" + id + " at " + where();
    }
}
