/**
 * The Manager: a server process that holds objects (dicts, lists, user types annotated
 * {@code @Managed}) and the clients' proxies that call them.
 *
 * <h2>What lives here</h2>
 * <ul>
 *   <li>Server side, in the manager's child JVM: {@link io.multiprocessing4j.internal.manager.ManagerServer}
 *       (binds, authenticates connections, serves each on a session thread),
 *       {@code ServerObjects} (the objects by id and name, and the operations on them),
 *       {@code Registrations} and {@code ManagedObject} (the registered {@code @Managed} types
 *       and their instances).</li>
 *   <li>Client side, in any process: {@link io.multiprocessing4j.internal.manager.ManagerClient}
 *       (connections to one server, one call at a time on each),
 *       {@link io.multiprocessing4j.internal.manager.RemoteMap},
 *       {@link io.multiprocessing4j.internal.manager.RemoteList} and {@code RemoteManagedCalls}
 *       (the proxies), {@link io.multiprocessing4j.internal.manager.ProxyReader} (proxies as
 *       handles on the wire), {@link io.multiprocessing4j.internal.manager.ManagerSession} (what
 *       the public {@code Manager} delegates to), {@link io.multiprocessing4j.internal.manager.ServerProcess}
 *       (starting and stopping the server's JVM).</li>
 *   <li>Both: {@code Authentication} (the HMAC-SHA256 challenge in each direction), {@code Op}
 *       (the operations' codes), {@link io.multiprocessing4j.internal.manager.ManagedTypes} (finding
 *       and checking a {@code @Managed} type's generated dispatcher).</li>
 *   <li>{@link io.multiprocessing4j.internal.manager.ManagedCalls},
 *       {@link io.multiprocessing4j.internal.manager.ManagedProxy} and
 *       {@link io.multiprocessing4j.internal.manager.ManagedDispatcher}: the seam between the
 *       code the processor generates for a {@code @Managed} interface and this runtime.</li>
 * </ul>
 *
 * <h2>Threads and locks</h2>
 * Server: the child's main thread runs the selector that accepts and authenticates; it never
 * blocks on a peer and takes no lock. Each authenticated connection has a daemon session thread
 * ({@code multiprocessing4j-manager-session}) that runs its calls in order. Sessions share
 * {@code ServerObjects}: its id map is concurrent; its name map is guarded by its own monitor,
 * held only to look up or add a name; each dict or list is guarded by its own monitor, held for
 * one operation and never while another lock is taken. So there is no lock order to keep: no
 * thread ever holds two of these locks. A {@code @Managed} implementation is called under no
 * lock of this package.
 *
 * <p>Client: no thread of its own; every call runs on its caller's thread, on a connection it
 * borrows from the client's concurrent idle deque and returns after the reply. Parent side of a
 * started server: the child JVM's reader thread completes the server's port when it listens.
 */
package io.multiprocessing4j.internal.manager;
