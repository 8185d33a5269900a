/**
 * The Manager: a server process that holds objects (dicts, lists, user types annotated
 * {@code @Managed}) and the clients' proxies that call them.
 *
 * <h2>What lives here</h2>
 * <ul>
 *   <li>Server side, in the manager's child JVM: {@link io.multiprocessing4j.internal.manager.ManagerServer}
 *       (binds, authenticates connections, serves each on a session thread),
 *       {@code ServerSession} (one connection's calls; those that wait run on a waiter thread,
 *       cancelled on the client's interrupt or disappearance), {@code Clients} (each client
 *       process's connections; its last one's end gives back what it held),
 *       {@code ServerObjects} (the objects by id and name, and the operations on them),
 *       {@code SyncCalls} and {@code ServerQueue}, {@code ServerLock}, {@code ServerCondition},
 *       {@code ServerEvent}, {@code ServerSemaphore}, {@code ServerBarrier} (the queues and
 *       synchronizers, each waiting on its own monitor through {@code TimedWait}; a condition on
 *       its lock's),
 *       {@code Registrations} and {@code ManagedObject} (the registered {@code @Managed} types
 *       and their instances), {@code ServerWarmUp} (runs the call path on scratch objects until
 *       the first client has proved the key, so that its calls find it compiled).</li>
 *   <li>Client side, in any process: {@link io.multiprocessing4j.internal.manager.ManagerClient}
 *       (connections to one server, one call at a time on each),
 *       {@link io.multiprocessing4j.internal.manager.RemoteMap},
 *       {@link io.multiprocessing4j.internal.manager.RemoteList} and {@code RemoteManagedCalls}
 *       (the proxies), {@code RemoteObject} and its {@code RemoteQueue}, {@code RemoteLock},
 *       {@code RemoteCondition}, {@code RemoteEvent}, {@code RemoteSemaphore}, {@code RemoteBarrier},
 *       {@code RemoteInt} (the
 *       backends under the public {@code SharedQueue}, {@code SharedLock}, ... that a manager
 *       serves), {@code ClientConnection} (one connection, whose reads look up every 50 ms for
 *       an interrupt that cancels a waiting call), {@link io.multiprocessing4j.internal.manager.ProxyReader} (proxies as
 *       handles on the wire), {@link io.multiprocessing4j.internal.manager.ManagerSession} (what
 *       the public {@code Manager} delegates to), {@link io.multiprocessing4j.internal.manager.ServerProcess}
 *       (starting and stopping the server's JVM).</li>
 *   <li>Both: {@code Authentication} (the HMAC-SHA256 challenge in each direction), {@code Op}
 *       (the operations' codes), {@code AwaitOutcome} (how a condition's await ended), {@link io.multiprocessing4j.internal.manager.ManagedTypes} (finding
 *       and checking a {@code @Managed} type's generated dispatcher).</li>
 *   <li>{@link io.multiprocessing4j.internal.manager.ManagedCalls},
 *       {@link io.multiprocessing4j.internal.manager.ManagedProxy} and
 *       {@link io.multiprocessing4j.internal.manager.ManagedDispatcher}: the seam between the
 *       code the processor generates for a {@code @Managed} interface and this runtime.</li>
 * </ul>
 *
 * <h2>Threads and locks</h2>
 * Server: the child's main thread runs the selector that accepts and authenticates; it never
 * blocks on a peer and takes no lock. When the JVM shuts down, a shutdown hook
 * ({@code multiprocessing4j-manager-exit}) sets a volatile flag and wakes the selector, and the
 * main thread waits for the halt outside native code. Each authenticated connection has a daemon session thread
 * ({@code multiprocessing4j-manager-session}) that reads its calls in order and runs those that
 * do not wait; a call that may wait runs on a daemon waiter thread
 * ({@code multiprocessing4j-manager-waiter}, from a cached pool; at most one per connection),
 * which sends its reply, while the session thread reads on and interrupts it on a cancel or at
 * the connection's end (only while the call runs, never while it writes: see
 * {@code ServerSession}). From the child's main until the main thread has authenticated a
 * first connection (and stopped it, through a volatile flag), a daemon thread
 * ({@code multiprocessing4j-manager-warm-up}) makes calls over a loopback connection of its own
 * to a session thread of its own, on scratch {@code ServerObjects} and {@code Clients} that no
 * other thread sees. Sessions share
 * {@code ServerObjects}: its id map is concurrent; its name map is guarded by its own monitor,
 * held only to look up or add a name; each dict, list, queue, lock, event, semaphore or barrier
 * is guarded by its own monitor, held for one operation (a call that waits lets go of it while it
 * waits) and never while another lock is taken (a condition has no monitor of its own: its wait
 * set is guarded by its lock's, which its waiters wait on); so are {@code Clients}' monitor (held only to
 * count) and each waiting call's (held to change its state or interrupt its thread). So there is
 * no lock order to keep: no thread ever holds two of these locks. A {@code @Managed} implementation is called under no
 * lock of this package.
 *
 * <p>Client: no thread of its own; every call runs on its caller's thread, on a connection it
 * borrows from the client's concurrent idle deque and returns after the reply (the first call on
 * a new connection attaches it to the client's random id, which the server's ownership of locks
 * and permits is keyed by, with the calling thread's id). Parent side of a
 * started server: the child JVM's reader thread completes the server's port when it listens.
 */
package io.multiprocessing4j.internal.manager;
