package io.multiprocessing4j;

import io.multiprocessing4j.internal.manager.ManagedTypes;
import io.multiprocessing4j.internal.manager.ManagerSession;
import io.multiprocessing4j.internal.manager.ServerProcess;
import io.multiprocessing4j.internal.shm.LockBackend;
import io.multiprocessing4j.internal.wire.Handshake;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's {@code SyncManager}: a server process that holds objects and hands out proxies of them.
 * Every call on a proxy is a round trip to the server (tens of microseconds on this machine);
 * values are copied in and out, so mutating a value you got does not change the server's copy,
 * as in Python. Proxies travel to {@code @Worker} and {@code @PoolTask} methods, and back, as
 * handles to the same server object.
 *
 * <pre>{@code
 * try (Manager manager = Manager.start()) {
 *     Map<Object, Object> d = manager.dict();
 *     List<Integer> l = manager.list(List.of(0, 1, 2));
 *     WorkersOf.fill(d, l).start().join();   // the child changes the server's objects
 *     System.out.println(d + " " + l);
 * }
 * }</pre>
 *
 * <p><b>Queues and synchronizers.</b> {@link #queue()}, {@link #lock()}, {@link #rlock()},
 * {@link #event()}, {@link #semaphore(int)}, {@link #barrier(int)} and {@link #intValue(int)} return
 * the same public types as shared memory does ({@link SharedQueue}, {@link SharedLock}, ...), held
 * by the server, so that clients on other machines share them too; so do the conditions of its
 * locks ({@link SharedLock#newCondition()}, or by name {@link #condition(SharedLock, String)}). A call that blocks waits on the
 * server, on a thread of the server's own, costs no CPU here, returns on time, and notices an
 * interrupt within 50 ms where its {@code java.util.concurrent} namesake does.
 *
 * <p><b>Remote.</b> A server started with {@link Builder#address} and {@link Builder#authkey}
 * accepts clients from other JVMs, on this machine or others, through {@link #connect}; named
 * objects ({@link #dict(String)}, ...) let them find what it serves. Each connection proves the
 * key with an HMAC-SHA256 challenge both ways before anything is decoded; a wrong key fails
 * with {@link AuthenticationException}. The server's decoding is filtered as the wire's is.
 *
 * <p><b>Failure.</b> A call on a proxy whose server has died fails promptly with
 * {@link ManagerGoneException}, a blocked one included. A client that disconnects or dies
 * disturbs neither the server nor other clients; the server releases the locks it held (the next
 * holder sees {@link SharedLock#previousHolderDied()}), gives back the semaphore permits it took,
 * and breaks a barrier round it was waiting in.
 * A started server is a child of this JVM: it stops at {@link #close()} and when this JVM exits
 * or dies.
 *
 * <p>Thread-safe: any thread may use a manager and its proxies; each blocked call holds a
 * connection of its own.
 */
public final class Manager implements AutoCloseable {

    /** A manager's lifecycle: usable, then closed for good. */
    private enum State { OPEN, CLOSED }

    private final ManagerSession session;
    private State state = State.OPEN;

    private Manager(ManagerSession session) {
        this.session = session;
    }

    /**
     * Starts a server on the loopback interface with a random key, in a child JVM, and returns a
     * manager connected to it. Costs a JVM start (a few hundred milliseconds).
     *
     * @throws ProcessStartException if the server could not start
     *
     * @return the manager
     */
    public static Manager start() {
        return builder().start();
    }

    /**
     * A builder for a server with an address, a key, registered types or JVM options of its own.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to a running server, on this machine or another one.
     *
     * @param address where the server listens
     * @param authkey the key it was started with
     * @throws AuthenticationException if the key is wrong, or the peer is not such a server
     * @throws ManagerGoneException if nothing answers at {@code address}
     *
     * @return the manager
     */
    public static Manager connect(InetSocketAddress address, byte[] authkey) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(authkey, "authkey");
        return new Manager(ManagerSession.connected(address, authkey));
    }

    /**
     * Where the server listens: the address to give {@link #connect}.
     *
     * @return the server's address
     */
    public InetSocketAddress address() {
        return session.address();
    }

    /**
     * A proxy of a new, empty dict on the server: a {@link Map} that keeps insertion order.
     *
     * @param <K> the keys' type
     * @param <V> the values' type
     * @return the proxy
     */
    public <K, V> Map<K, V> dict() {
        return dict(null);
    }

    /**
     * A proxy of the server's dict named {@code name}, made empty if there is none yet.
     *
     * @param name the name other clients find it by; {@code null} for a new anonymous dict
     * @throws IllegalStateException if the object of that name is not a dict
     *
     * @param <K> the keys' type
     * @param <V> the values' type
     * @return the proxy
     */
    public <K, V> Map<K, V> dict(String name) {
        requireOpen();
        return session.dict(name);
    }

    /**
     * A proxy of a new, empty list on the server.
     *
     * @param <E> the elements' type
     * @return the proxy
     */
    public <E> List<E> list() {
        return list((String) null);
    }

    /**
     * A proxy of a new list on the server holding a copy of {@code initial}, in its order.
     *
     * @throws IllegalArgumentException if an element cannot be carried (the message names it)
     *
     * @param <E> the elements' type
     * @param initial the elements to copy
     * @return the proxy
     */
    public <E> List<E> list(Collection<? extends E> initial) {
        Objects.requireNonNull(initial, "initial");
        requireOpen();
        return session.list(null, new ArrayList<>(initial));
    }

    /**
     * A proxy of the server's list named {@code name}, made empty if there is none yet.
     *
     * @param name the name other clients find it by; {@code null} for a new anonymous list
     * @throws IllegalStateException if the object of that name is not a list
     *
     * @param <E> the elements' type
     * @return the proxy
     */
    public <E> List<E> list(String name) {
        requireOpen();
        return session.list(name, null);
    }

    /**
     * A new, empty queue on the server with no bound in items: Python's {@code manager.Queue()}.
     * The returned {@link SharedQueue} works as one in shared memory does, each call a round trip
     * to the server; items are encoded here and kept as bytes by the server, which decodes none.
     * A blocked {@code take}, {@code put} or {@code join} waits on the server, costs no CPU here,
     * returns on time, and notices an interrupt within 50 ms (cancelling its wait there; an item
     * it took just before is returned, not lost, with the interrupt status set again).
     *
     * @param <T> the items' type
     * @return the queue; it travels to other processes as a handle to the same server queue
     */
    public <T> SharedQueue<T> queue() {
        return queue(0, null);
    }

    /**
     * The server's queue named {@code name}, made empty and unbounded if there is none yet.
     *
     * @param name the name other clients find it by; {@code null} for a new anonymous queue
     * @throws IllegalStateException if the object of that name is not a queue
     *
     * @param <T> the items' type
     * @return the queue
     */
    public <T> SharedQueue<T> queue(String name) {
        return queue(0, name);
    }

    /**
     * A queue on the server that holds at most {@code capacity} items (Python's
     * {@code manager.Queue(maxsize)}), or the one named {@code name}, whatever its bound.
     *
     * @param capacity the most items it holds; 0 for no bound
     * @param name the name other clients find it by; {@code null} for a new anonymous queue
     * @throws IllegalArgumentException if {@code capacity} is negative
     * @throws IllegalStateException if the object of that name is not a queue
     *
     * @param <T> the items' type
     * @return the queue
     */
    public <T> SharedQueue<T> queue(int capacity, String name) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a queue's capacity cannot be negative: " + capacity);
        }
        requireOpen();
        return SharedQueue.over(session.queue(name, capacity));
    }

    /**
     * A new lock on the server: Python's {@code manager.Lock()}. It is held by a thread of a
     * process, as a {@link SharedLock} is: only that thread may unlock it. If the process holding
     * it disconnects or dies ({@code kill -9} included), the server releases it at once and the
     * next holder sees {@link SharedLock#previousHolderDied()}. Each call is a round trip; a
     * waiting {@code lock} costs no CPU here. Its {@link SharedLock#newCondition()} is a condition
     * on the server too.
     *
     * @return the lock; it travels to other processes as a handle to the same server lock
     */
    public SharedLock lock() {
        return lock(null);
    }

    /**
     * The server's lock named {@code name}, made unlocked if there is none yet.
     *
     * @param name the name other clients find it by; {@code null} for a new anonymous lock
     * @throws IllegalStateException if the object of that name is not a lock
     * @return the lock
     */
    public SharedLock lock(String name) {
        requireOpen();
        return SharedLock.over(session.lock(name, false));
    }

    /**
     * A new reentrant lock on the server: Python's {@code manager.RLock()}; held, released and
     * given back as {@link #lock()} says, counting holds.
     *
     * @return the lock; it travels to other processes as a handle to the same server lock
     */
    public SharedRLock rlock() {
        return rlock(null);
    }

    /**
     * The server's reentrant lock named {@code name}, made unlocked if there is none yet.
     *
     * @param name the name other clients find it by; {@code null} for a new anonymous lock
     * @throws IllegalStateException if the object of that name is not an rlock
     * @return the lock
     */
    public SharedRLock rlock(String name) {
        requireOpen();
        return SharedRLock.over(session.lock(name, true));
    }

    /**
     * The condition named {@code name} of {@code lock}, a lock of a manager, made if there is none
     * yet: Python's {@code manager.Condition(lock)}, under a name other clients find it by. It is
     * held by the server that holds the lock ({@link SharedLock#newCondition()} makes an anonymous
     * one); see {@link SharedCondition} for what it guarantees. A round trip.
     *
     * @param lock a lock of a manager ({@link #lock()}, {@link #lock(String)}, or one that arrived
     *     as a handle)
     * @param name the name other clients find it by
     * @return the condition; it travels to other processes as a handle to the same server condition
     * @throws IllegalArgumentException if {@code lock} is a lock in shared memory
     *     ({@link SharedLock#create()}: use its {@code newCondition()})
     * @throws IllegalStateException if the server's object of that name is not a condition of
     *     {@code lock}
     */
    public SharedCondition condition(SharedLock lock, String name) {
        Objects.requireNonNull(lock, "lock");
        return condition(lock.served(), "lock", name);
    }

    /**
     * The condition named {@code name} of {@code lock}, a reentrant lock of a manager, made if
     * there is none yet; as {@link #condition(SharedLock, String)}. Waiting on it releases every
     * hold of the lock and takes them all back.
     *
     * @param lock a reentrant lock of a manager ({@link #rlock()}, {@link #rlock(String)}, or one
     *     that arrived as a handle)
     * @param name the name other clients find it by
     * @return the condition; it travels to other processes as a handle to the same server condition
     * @throws IllegalArgumentException if {@code lock} is a lock in shared memory
     *     ({@link SharedRLock#create()}: use its {@code newCondition()})
     * @throws IllegalStateException if the server's object of that name is not a condition of
     *     {@code lock}
     */
    public SharedCondition condition(SharedRLock lock, String name) {
        Objects.requireNonNull(lock, "lock");
        return condition(lock.served(), "rlock", name);
    }

    private SharedCondition condition(Object served, String kind, String name) {
        Objects.requireNonNull(name, "name");
        requireOpen();
        if (!(served instanceof LockBackend)) {
            throw new IllegalArgumentException("a manager's condition belongs to a manager's " + kind + ", and this "
                    + kind + " is in shared memory: call its newCondition() for a condition shared by the processes"
                    + " of this machine, or make the " + kind + " with this manager's " + kind + "()");
        }
        return SharedCondition.over(((LockBackend) served).newCondition(name));
    }

    /**
     * A new event on the server, not set: Python's {@code manager.Event()}.
     *
     * @return the event; it travels to other processes as a handle to the same server event
     */
    public SharedEvent event() {
        return event(null);
    }

    /**
     * The server's event named {@code name}, made clear if there is none yet.
     *
     * @param name the name other clients find it by; {@code null} for a new anonymous event
     * @throws IllegalStateException if the object of that name is not an event
     * @return the event
     */
    public SharedEvent event(String name) {
        requireOpen();
        return SharedEvent.over(session.event(name));
    }

    /**
     * A new semaphore on the server: Python's {@code manager.Semaphore(permits)}. The server
     * records the permits each process took and has not released; those of a process that
     * disconnects or dies are given back at once. Any process may release, as with
     * {@link SharedSemaphore}, and by the same rule: a release by a process that took nothing is
     * struck off the record of the one process that holds permits (so a permit taken by one and
     * given back by another is not given back again when the first ends); if several hold
     * permits, nobody can tell whose came back, and the end of a holder gives back its record
     * less such releases. An end never raises the count above {@code permits}, so a semaphore
     * used to signal (made with 0) gets no permit back from a consumer that ends.
     *
     * @param permits the permits it starts with
     * @throws IllegalArgumentException if {@code permits} is negative
     * @return the semaphore; it travels to other processes as a handle to the same one
     */
    public SharedSemaphore semaphore(int permits) {
        return semaphore(permits, null);
    }

    /**
     * The server's semaphore named {@code name}, made with {@code permits} if there is none yet
     * (an existing one keeps its count).
     *
     * @param permits the permits a new one starts with
     * @param name the name other clients find it by; {@code null} for a new anonymous semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws IllegalStateException if the object of that name is not a semaphore
     * @return the semaphore
     */
    public SharedSemaphore semaphore(int permits, String name) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore's permits cannot be negative: " + permits);
        }
        requireOpen();
        return SharedSemaphore.over(session.semaphore(name, permits));
    }

    /**
     * A new barrier on the server for {@code parties} parties: Python's {@code manager.Barrier}.
     * A waiter whose process disconnects or dies while it waits breaks the round for the others.
     *
     * @param parties the parties of each round
     * @throws IllegalArgumentException if {@code parties} is less than 1
     * @return the barrier; it travels to other processes as a handle to the same one
     */
    public SharedBarrier barrier(int parties) {
        return barrier(parties, null);
    }

    /**
     * The server's barrier named {@code name}, made for {@code parties} if there is none yet (an
     * existing one keeps its parties).
     *
     * @param parties the parties of each round of a new one
     * @param name the name other clients find it by; {@code null} for a new anonymous barrier
     * @throws IllegalArgumentException if {@code parties} is less than 1
     * @throws IllegalStateException if the object of that name is not a barrier
     * @return the barrier
     */
    public SharedBarrier barrier(int parties, String name) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier's parties are at least 1, not " + parties);
        }
        requireOpen();
        return SharedBarrier.over(session.barrier(name, parties));
    }

    /**
     * A new int on the server holding {@code initialValue}: Python's {@code manager.Value('i', x)}.
     * Each method is one atomic operation on the server (the update functions run here, in a
     * compare-and-set loop).
     *
     * @param initialValue the value it starts with
     * @return the int; it travels to other processes as a handle to the same one
     */
    public SharedInt intValue(int initialValue) {
        return intValue(initialValue, null);
    }

    /**
     * The server's int named {@code name}, made with {@code initialValue} if there is none yet
     * (an existing one keeps its value).
     *
     * @param initialValue the value a new one starts with
     * @param name the name other clients find it by; {@code null} for a new anonymous int
     * @throws IllegalStateException if the object of that name is not an int
     * @return the int
     */
    public SharedInt intValue(int initialValue, String name) {
        requireOpen();
        return SharedInt.over(session.intValue(name, initialValue));
    }

    /**
     * A proxy of a new instance of {@code type} on the server, made with its registered
     * implementation's no-argument constructor. Calls on it are calls of that instance.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@code @Managed} interface with
     *     generated code
     * @throws IllegalStateException if the server has no implementation registered for it
     *
     * @param <I> the interface
     * @param type the @Managed interface
     * @return the proxy
     */
    public <I> I create(Class<I> type) {
        return create(type, null);
    }

    /**
     * A proxy of the server's instance of {@code type} named {@code name}, made if there is none.
     *
     * @param name the name other clients find it by; {@code null} for a new anonymous instance
     * @throws IllegalArgumentException if {@code type} is not a {@code @Managed} interface with
     *     generated code
     * @throws IllegalStateException if the server has no implementation registered for it, or
     *     the object of that name is of another type
     *
     * @param <I> the interface
     * @param type the @Managed interface
     * @return the proxy
     */
    public <I> I create(Class<I> type, String name) {
        Objects.requireNonNull(type, "type");
        requireOpen();
        return session.create(type, name);
    }

    private synchronized void requireOpen() {
        if (state == State.CLOSED) {
            throw new ManagerGoneException("this manager (" + address() + ") was closed", null);
        }
    }

    /**
     * A manager that started its server stops it (its proxies then fail with
     * {@link ManagerGoneException}, here and in every other process); a connected one
     * disconnects, and the server goes on. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        session.close();
    }

    @Override
    public String toString() {
        ServerProcess server = session.server();
        return "Manager[" + address().getHostString() + ":" + address().getPort()
                + (server != null ? ", server " + server.process().name() + " pid " + server.process().pid() : "") + "]";
    }

    /** Configures and starts a manager's server. Not thread-safe; use one builder per server. */
    public static final class Builder {
        private InetSocketAddress address;
        private byte[] authkey;
        private final List<String> registrations = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder() {}

        /**
         * Where the server listens; by default the loopback interface, on a free port. Give a
         * routable address (or the wildcard) to accept clients from other machines, and a key.
         *
         * @param address the server's address
         * @return this builder
         */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
     * The key clients must prove; by default 32 random bytes, which children inherit with the proxies they get.
     *
     * @param authkey the key
     * @return this builder
     */
        public Builder authkey(byte[] authkey) {
            this.authkey = Objects.requireNonNull(authkey, "authkey").clone();
            return this;
        }

        /**
         * Serves {@code type} with {@code implementation}: {@link #create(Class)} then makes
         * {@code new Implementation()} in the server.
         *
         * @throws IllegalArgumentException if {@code type} is not a {@code @Managed} interface with
         *     generated code, or {@code implementation} does not implement it or has no public
         *     no-argument constructor
         *
         * @param <I> the interface
         * @param type the @Managed interface
         * @param implementation the class the server instantiates
         * @return this builder
         */
        public <I> Builder register(Class<I> type, Class<? extends I> implementation) {
            ManagedTypes.checkImplementation(type, implementation);
            registrations.add(type.getName());
            registrations.add(implementation.getName());
            return this;
        }

        /**
         * Options for the server's JVM ({@code -Xmx1g}, ...), after the runtime's defaults, which
         * they override. Besides a child's defaults, a server runs with the JIT's first tier only
         * ({@code -XX:TieredStopAtLevel=1}): its calls are compiled after a few hundred and its
         * JVM starts with less compiling; a {@code @Managed} implementation that computes hard
         * may want {@code -XX:TieredStopAtLevel=4}, the JVM's default, back. While it boots and
         * until its first client has connected, the server also runs its own call path on scratch
         * objects, about a tenth of a second of one core ({@code
         * -Dmultiprocessing4j.manager.warmUp=false} turns that off), so that the first calls and
         * the handshake find it compiled.
         *
         * @param options JVM options
         * @return this builder
         */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(Arrays.asList(options));
            return this;
        }

        /**
         * Starts the server in a child JVM and returns a manager connected to it, once it listens.
         *
         * @throws ProcessStartException if the server could not start or bind its address
         *
         * @return the manager
         */
        public Manager start() {
            byte[] key = authkey != null ? authkey : Handshake.newSecret();
            InetSocketAddress bind = address != null ? address
                    : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            String host = bind.getHostString();
            ServerProcess server = ServerProcess.start(host, bind.getPort(), key, registrations, jvmOptions);
            String reach = bind.getAddress() != null && bind.getAddress().isAnyLocalAddress()
                    ? InetAddress.getLoopbackAddress().getHostAddress() : host;
            return new Manager(ManagerSession.started(server, reach, key));
        }
    }
}
