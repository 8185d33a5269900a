package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.shm.Handles;
import io.multiprocessing4j.internal.shm.SharedKind;
import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.ManagerHandles;
import io.multiprocessing4j.internal.wire.WireException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proxies as handles: writes a proxy's server address, key, kind and object id, and opens a proxy
 * of the same object from them, over one {@link ManagerClient} per server and key in this process
 * (made on the first handle that names it, and kept for the life of the process: it holds only
 * idle sockets).
 */
public final class ProxyReader implements ManagerHandles.Reader {

    private static final Map<String, ManagerClient> CLIENTS = new ConcurrentHashMap<>();

    static {
        ManagerHandles.install(new ProxyReader());
    }

    private ProxyReader() {}

    /** Makes sure handles can be read: loads this class, which installs itself. */
    static void load() {
        // the static initializer did the work
    }

    static void write(Encoder out, ManagerClient client, int kind, int id, String typeName) {
        out.writeString(client.address().getHostString());
        out.writeInt(client.address().getPort());
        out.writeByteArray(client.key());
        out.writeByte(kind);
        out.writeInt(id);
        out.writeString(typeName);
    }

    /** Remembers {@code client} as this process's client of its server, for handles that name it. */
    static void remember(ManagerClient client) {
        CLIENTS.putIfAbsent(clientKey(client.address().getHostString(), client.address().getPort(), client.key()),
                client);
    }

    private static String clientKey(String host, int port, byte[] key) {
        return host + ":" + port + ":" + Arrays.hashCode(key) + ":" + Arrays.toString(key);
    }

    @Override
    public Object read(Decoder in) {
        String host = in.readString();
        int port = in.readInt();
        byte[] key = in.readByteArray();
        int kind = in.readByte();
        int id = in.readInt();
        String typeName = in.readString();
        if (host == null || key == null) {
            throw new WireException("a manager proxy handle without an address or key", null);
        }
        ManagerClient client = CLIENTS.computeIfAbsent(clientKey(host, port, key),
                k -> ManagerClient.lazy(InetSocketAddress.createUnresolved(host, port), key));
        switch (kind) {
            case Op.DICT:
                return new RemoteMap<>(client, id);
            case Op.LIST:
                return new RemoteList<>(client, id);
            case Op.MANAGED:
                try {
                    Class<?> type = Class.forName(typeName, false, Thread.currentThread().getContextClassLoader());
                    return ManagedTypes.dispatcher(type).proxy(new RemoteManagedCalls(client, id, type));
                } catch (ClassNotFoundException | IllegalArgumentException e) {
                    throw new WireException("a proxy of " + typeName + " cannot be opened here: " + e.getMessage(), e);
                }
            case Op.QUEUE:
                return Handles.served(SharedKind.QUEUE, new RemoteQueue(client, id));
            case Op.LOCK:
                return Handles.served(SharedKind.LOCK, new RemoteLock(client, id, false));
            case Op.RLOCK:
                return Handles.served(SharedKind.RLOCK, new RemoteLock(client, id, true));
            case Op.CONDITION:
                return Handles.served(SharedKind.CONDITION, new RemoteCondition(client, id));
            case Op.EVENT:
                return Handles.served(SharedKind.EVENT, new RemoteEvent(client, id));
            case Op.SEMAPHORE:
                return Handles.served(SharedKind.SEMAPHORE, new RemoteSemaphore(client, id));
            case Op.BARRIER:
                return Handles.served(SharedKind.BARRIER, new RemoteBarrier(client, id));
            case Op.INT:
                return Handles.served(SharedKind.INT, new RemoteInt(client, id));
            default:
                throw new WireException("a manager proxy handle of unknown kind " + kind, null);
        }
    }
}
