package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.channel.QueueBackend;
import io.multiprocessing4j.internal.shm.BarrierBackend;
import io.multiprocessing4j.internal.shm.EventBackend;
import io.multiprocessing4j.internal.shm.IntBackend;
import io.multiprocessing4j.internal.shm.LockBackend;
import io.multiprocessing4j.internal.shm.SemaphoreBackend;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the public {@code Manager} delegates to: its client, and the server process when it started
 * one. Makes the proxies of the server's objects.
 */
public final class ManagerSession {

    private final ManagerClient client;
    private final ServerProcess server;

    private ManagerSession(ManagerClient client, ServerProcess server) {
        this.client = client;
        this.server = server;
        ProxyReader.remember(client);
    }

    /** A session with a server this process started. */
    public static ManagerSession started(ServerProcess server, String host, byte[] key) {
        try {
            return new ManagerSession(ManagerClient.connect(
                    new java.net.InetSocketAddress(host, server.port()), key), server);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** A session with a server started elsewhere. */
    public static ManagerSession connected(java.net.InetSocketAddress address, byte[] key) {
        return new ManagerSession(ManagerClient.connect(address, key), null);
    }

    /** Where the server listens. */
    public java.net.InetSocketAddress address() {
        return client.address();
    }

    /** The server's process, if this session started it. */
    public ServerProcess server() {
        return server;
    }

    private int create(int kind, String name, Object argument) {
        return (Integer) client.call(Op.SERVER, Op.CREATE, kind, name, argument);
    }

    /** A proxy of a new dict, or of the one named {@code name}. */
    public <K, V> Map<K, V> dict(String name) {
        return new RemoteMap<>(client, create(Op.DICT, name, null));
    }

    /** A proxy of a new list holding {@code initial}, or of the one named {@code name}. */
    public <E> List<E> list(String name, Collection<? extends E> initial) {
        return new RemoteList<>(client, create(Op.LIST, name, initial == null ? null : new java.util.ArrayList<>(initial)));
    }

    /** A proxy of a new instance of a registered type, or of the one named {@code name}. */
    public <I> I create(Class<I> type, String name) {
        ManagedDispatcher dispatcher = ManagedTypes.dispatcher(type);
        int id = create(Op.MANAGED, name, type.getName());
        return type.cast(dispatcher.proxy(new RemoteManagedCalls(client, id, type)));
    }

    /** The backend of a new queue of at most {@code capacity} items (0: no bound), or of the one named {@code name}. */
    public QueueBackend queue(String name, int capacity) {
        return new RemoteQueue(client, create(Op.QUEUE, name, capacity));
    }

    /** The backend of a new lock (rlock if {@code reentrant}), or of the one named {@code name}. */
    public LockBackend lock(String name, boolean reentrant) {
        return new RemoteLock(client, create(reentrant ? Op.RLOCK : Op.LOCK, name, null), reentrant);
    }

    /** The backend of a new event, or of the one named {@code name}. */
    public EventBackend event(String name) {
        return new RemoteEvent(client, create(Op.EVENT, name, null));
    }

    /** The backend of a new semaphore, or of the one named {@code name}. */
    public SemaphoreBackend semaphore(String name, int permits) {
        return new RemoteSemaphore(client, create(Op.SEMAPHORE, name, permits));
    }

    /** The backend of a new barrier, or of the one named {@code name}. */
    public BarrierBackend barrier(String name, int parties) {
        return new RemoteBarrier(client, create(Op.BARRIER, name, parties));
    }

    /** The backend of a new int, or of the one named {@code name}. */
    public IntBackend intValue(String name, int initial) {
        return new RemoteInt(client, create(Op.INT, name, initial));
    }

    /** Disconnects; stops the server if this session started it. */
    public void close() {
        client.close(server != null ? "the manager was closed" : "this client disconnected");
        if (server != null) {
            server.stop();
        }
    }
}
