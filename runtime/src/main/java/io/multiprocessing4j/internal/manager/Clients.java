package io.multiprocessing4j.internal.manager;

import java.util.HashMap;
import java.util.Map;

/**
 * The client processes a server has, by the id each attaches with ({@link Op#ATTACH}), and how
 * many open connections each has. When a client's last connection closes (it disconnected, or
 * died: its sockets close with it), what it holds in the server's objects is given back.
 * Thread-safe; its monitor is held only to count, never while objects are touched.
 */
final class Clients {

    private final ServerObjects objects;
    private final Map<Long, Integer> connections = new HashMap<>();

    Clients(ServerObjects objects) {
        this.objects = objects;
    }

    synchronized void attach(long client) {
        connections.merge(client, 1, Integer::sum);
    }

    /** One connection of {@code client} has closed, and no call of it waits any more. */
    void detach(long client) {
        boolean last;
        synchronized (this) {
            last = connections.computeIfPresent(client, (id, n) -> n > 1 ? n - 1 : null) == null;
        }
        if (last) {
            objects.clientGone(client);
        }
    }
}
