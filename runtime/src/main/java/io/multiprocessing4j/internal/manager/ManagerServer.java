package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.EncodedFrame;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.Handshake;
import io.multiprocessing4j.internal.wire.ManagerReady;
import io.multiprocessing4j.internal.wire.ManagerStart;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A manager's server, the body of its child JVM: binds, tells its parent the port, then accepts
 * clients until the JVM is stopped (its parent closes the manager, or dies).
 *
 * <p><b>Threads.</b> One thread (the child's main thread) accepts and authenticates, on a
 * {@link Selector}, without blocking on any peer: it writes each new connection's challenge,
 * collects its fixed-size answer as it trickles in, and checks it; a connection that has not
 * answered within {@value #HELLO_MILLIS} ms is closed, and past {@value #PENDING} connections
 * waiting to answer, the oldest is closed. So garbage, port scans, silent or slow peers and
 * floods of connections cost bounded memory and no thread, nothing they send is decoded, and a
 * real client is authenticated however many of them there are. An authenticated connection gets
 * a {@link ServerSession} on a thread of its own (at most {@value #SESSIONS} at a time; beyond,
 * new ones are refused), which serves its calls one after another until it closes; calls that
 * wait run on a shared pool of waiter threads. A client that dies only ends its own sessions, and
 * gives back what it held ({@link Clients}). Sessions share {@link ServerObjects}, which locks per
 * object.
 */
public final class ManagerServer {

    static final int HELLO_MILLIS = 5_000;
    static final int PENDING = 1024;
    static final int SESSIONS = 4096;

    private final byte[] key;
    private final ServerObjects objects;
    private final ClassLoader loader;
    private final Semaphore sessions = new Semaphore(SESSIONS);
    private final Clients clients;
    /**
     * Runs the call path while no client has connected yet; stopped by the first that has proved
     * the key. Null if the JVM was started without {@link #WARM_UP_PROPERTY}.
     */
    private ServerWarmUp warmUp;
    /** Set by the shutdown hook that {@link #greet} adds: the main thread stops selecting. */
    private volatile boolean exiting;
    /** The threads that run calls that wait; at most one per session at a time. */
    private final ExecutorService waiters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "multiprocessing4j-manager-waiter");
        thread.setDaemon(true);
        return thread;
    });

    private ManagerServer(byte[] key, ServerObjects objects, ClassLoader loader) {
        this.key = key;
        this.objects = objects;
        this.loader = loader;
        this.clients = new Clients(objects);
    }

    /**
     * The system property, set on a server's JVM command line, that has {@link #warmUpEarly} called
     * first thing in the child's main.
     */
    public static final String WARM_UP_PROPERTY = "multiprocessing4j.manager.warmUp";
    /** The warm-up started as the JVM booted, if one was. */
    private static volatile ServerWarmUp early;

    /**
     * Starts the server's warm-up ({@link ServerWarmUp}) before the child has even connected to
     * its parent, so that it runs beside the rest of the JVM's boot, on a core that would
     * otherwise idle. Called by the child's main, on a server's JVM only ({@code ServerProcess}
     * sets the property, which the user's {@code -Dmultiprocessing4j.manager.warmUp=false} turns
     * off); {@link #run} then takes it over.
     */
    public static void warmUpEarly(ClassLoader loader) {
        early = new ServerWarmUp(loader).start();
    }

    /**
     * Serves as the manager {@code start} describes; returns only by exiting the JVM.
     * Called by the child's main once it has its identity.
     */
    public static void run(FrameChannel parent, String name, ManagerStart start, ClassLoader loader) {
        ServerSocketChannel socket;
        Selector selector;
        ManagerServer server;
        try {
            server = new ManagerServer(start.authkey, new ServerObjects(new Registrations(start.registrations,
                    loader)), loader);
            server.warmUp = early;
            socket = ServerSocketChannel.open();
            socket.bind(new InetSocketAddress(start.host, start.port), PENDING);
            socket.configureBlocking(false);
            selector = Selector.open();
            socket.register(selector, SelectionKey.OP_ACCEPT);
            Encoder ready = new Encoder();
            ManagerReady.write(ready, ((InetSocketAddress) socket.getLocalAddress()).getPort());
            parent.send(new EncodedFrame(FrameType.MANAGER_READY, ready));
        } catch (IOException | RuntimeException e) {
            System.err.println("multiprocessing4j manager " + name + " cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        server.greet(socket, selector);
    }

    /** A connection that has not yet proved the key: what it was sent, what it has answered so far. */
    private static final class Greeting {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HELLO_MILLIS);
        final byte[] challenge = Handshake.newSecret();
        final ByteBuffer answer = ByteBuffer.allocate(Authentication.ANSWER_BYTES);
    }

    /**
     * Has the main thread leave {@link Selector#select} for good once this JVM shuts down (a shutdown
     * hook, {@code multiprocessing4j-manager-exit}): the JVM, as it exits, waits up to 300 ms for
     * threads that run native code, and this one spends its life in {@code select}, so every server
     * took about a quarter of a second longer to exit, which a closing manager waits for (a
     * {@code close()} measured 240 to 300 ms with it, 40 to 100 ms without).
     */
    private void greet(ServerSocketChannel socket, Selector selector) {
        Thread hook = new Thread("multiprocessing4j-manager-exit") {
            @Override
            public void run() {
                exiting = true;
                selector.wakeup();
            }
        };
        Runtime.getRuntime().addShutdownHook(hook);
        while (!exiting) {
            try {
                selector.select(250);
            } catch (IOException e) {
                continue;
            }
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    acceptAll(socket, selector);
                } else if (key.isReadable()) {
                    read(key);
                }
            }
            expire(selector);
        }
        awaitHalt();
    }

    /** Waits, outside native code, for the JVM to halt: returning would end the JVM's main thread. */
    private static void awaitHalt() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // wait on: the JVM is exiting
                }
            }
        }
    }

    private void acceptAll(ServerSocketChannel socket, Selector selector) {
        SocketChannel client;
        while (true) {
            try {
                client = socket.accept();
            } catch (IOException e) {
                // too many open files, a reset before accept: the next select tries again
                return;
            }
            if (client == null) {
                return;
            }
            if (selector.keys().size() > PENDING) {
                closeOldest(selector);
            }
            try {
                client.configureBlocking(false);
                client.socket().setTcpNoDelay(true);
                Greeting greeting = new Greeting();
                // the greeting is far smaller than any socket buffer: one write sends it whole
                ByteBuffer hello = Authentication.greeting(greeting.challenge);
                client.write(hello);
                if (hello.hasRemaining()) {
                    close(client);
                    continue;
                }
                client.register(selector, SelectionKey.OP_READ, greeting);
            } catch (IOException e) {
                close(client);
            }
        }
    }

    private void read(SelectionKey key) {
        SocketChannel client = (SocketChannel) key.channel();
        Greeting greeting = (Greeting) key.attachment();
        try {
            if (client.read(greeting.answer) < 0) {
                key.cancel();
                close(client);
                return;
            }
            if (greeting.answer.hasRemaining()) {
                return;
            }
            ByteBuffer verdict = Authentication.verdict(this.key, greeting.challenge, greeting.answer.array());
            client.write(verdict);
            key.cancel();
            if (!Authentication.accepts(verdict) || verdict.hasRemaining() || !sessions.tryAcquire()) {
                close(client);
                return;
            }
            if (warmUp != null) {
                warmUp.stop();
            }
            key.selector().selectNow(); // completes the cancellation, so the channel may block again
            client.configureBlocking(true);
        } catch (IOException e) {
            key.cancel();
            close(client);
            return;
        }
        ServerSession served;
        try {
            served = new ServerSession(new FrameChannel(client.socket()), objects, clients, waiters, loader,
                    sessions::release);
        } catch (IOException e) {
            sessions.release();
            close(client);
            return;
        }
        Thread session = new Thread(served, "multiprocessing4j-manager-session");
        session.setDaemon(true);
        session.start();
    }

    private static void expire(Selector selector) {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            Object attachment = key.attachment();
            if (attachment instanceof Greeting && now - ((Greeting) attachment).deadline > 0) {
                key.cancel();
                close((SocketChannel) key.channel());
            }
        }
    }

    private static void closeOldest(Selector selector) {
        SelectionKey oldest = null;
        for (SelectionKey key : selector.keys()) {
            Object attachment = key.attachment();
            if (attachment instanceof Greeting && (oldest == null
                    || ((Greeting) attachment).deadline - ((Greeting) oldest.attachment()).deadline < 0)) {
                oldest = key;
            }
        }
        if (oldest != null) {
            oldest.cancel();
            close((SocketChannel) oldest.channel());
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
