package io.multiprocessing4j;

import io.multiprocessing4j.internal.manager.ManagedTypes;
import io.multiprocessing4j.internal.manager.ManagerSession;
import io.multiprocessing4j.internal.manager.ServerProcess;
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
 * <p><b>Remote.</b> A server started with {@link Builder#address} and {@link Builder#authkey}
 * accepts clients from other JVMs, on this machine or others, through {@link #connect}; named
 * objects ({@link #dict(String)}, ...) let them find what it serves. Each connection proves the
 * key with an HMAC-SHA256 challenge both ways before anything is decoded; a wrong key fails
 * with {@link AuthenticationException}. The server's decoding is filtered as the wire's is.
 *
 * <p><b>Failure.</b> A call on a proxy whose server has died fails promptly with
 * {@link ManagerGoneException}. A client that dies disturbs neither the server nor other clients.
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
     * Options for the server's JVM ({@code -Xmx1g}, ...), after the runtime's defaults.
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
