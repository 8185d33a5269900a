package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.Handshake;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parent's side of every child connection: one listening socket per parent JVM, opened on
 * first use, and the handshake that admits a child.
 *
 * <p><b>Who gets in.</b> The socket listens on the loopback interface only. Any local process can
 * connect to it, so the handshake is what keeps strangers out: a connection must present a child
 * id and that child's 32-byte secret, which only ever travelled down the child's own
 * standard-input pipe; nothing it sent is ever decoded. (A Unix-domain socket in a private
 * directory would keep strangers from connecting at all, but costs every child JVM about 18 ms
 * more to load; measured in the README.)
 *
 * <p><b>What a stranger costs.</b> Bounded resources, however many connect and whatever they
 * send or do not send. One thread, the acceptor, accepts every connection and reads every hello
 * through one {@link Selector}; a connection waiting for its hello costs a file descriptor and a
 * {@value io.multiprocessing4j.internal.wire.Handshake#HELLO_BYTES}-byte buffer, no thread. A
 * connection whose first five bytes are not the protocol's magic and version is closed as soon
 * as they arrive; one that has not sent its whole hello within {@link #HELLO_DEADLINE_NANOS} is
 * closed. At most {@value #MAX_PENDING} connections wait for their hello at once; when one more
 * arrives, the one that has waited longest gets a last read (which admits it if its hello is
 * there) and is closed. A child sends its hello the instant it has connected, and the acceptor
 * reads the hellos that have arrived before it accepts more connections, so a child is never the
 * longest waiting for long: a flood of idle connections evicts only itself. The listen backlog
 * is {@value #BACKLOG} and the acceptor empties it at once, so a child's connection is not
 * refused either.
 *
 * <p><b>Threads.</b> The acceptor thread owns the selector, the server channel's key and the
 * connections that wait for their hello ({@link #pending}); nothing else touches them. Any thread
 * may call {@link #expect} and {@link #forget}, which touch only the concurrent {@link #expected}
 * map. A connection that has proved itself leaves the acceptor's selector and is handed to the
 * thread launching its child through the child's future, still in non-blocking mode (see
 * {@link ChildConnection} for why it stays so). There are no locks in this class besides the
 * class monitor that guards {@link #current}.
 *
 * <p><b>Life-cycle.</b> {@link State#OPEN} from construction; {@link State#CLOSED} for good when
 * this JVM shuts down, when the acceptor fails, or when the acceptor thread is interrupted, which
 * only happens when the application is being torn down around it ({@code mvn exec:java} does so
 * once {@code main} has returned). Closing fails every child still expected, and the next launch
 * opens a new endpoint.
 */
public final class ParentEndpoint {

    private enum State {
        /** Accepting and admitting. */
        OPEN,
        /** Closed for good; {@link #get()} opens another. */
        CLOSED
    }

    /** How many connections may wait for their hello at once. */
    static final int MAX_PENDING = 128;
    /** How long a connection has to send its whole hello. A child sends it the moment it connects. */
    static final long HELLO_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int BACKLOG = 512;
    /** Accepting stops after this many connections to read the hellos that have arrived meanwhile. */
    private static final int ACCEPTS_PER_ROUND = 64;
    /** When no connection can be accepted (no file descriptor left) and none can be dropped for one. */
    private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static ParentEndpoint current;
    private static boolean closeAtExit;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final Map<Long, Expected> expected = new ConcurrentHashMap<>();
    /** Connections waiting for their hello, oldest first. Acceptor thread only. */
    private final LinkedHashSet<Pending> pending = new LinkedHashSet<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile State state = State.OPEN;
    private volatile int pendingCount;
    /** When accepting resumes after a pause; 0 while it is not paused. Acceptor thread only. */
    private long acceptPausedUntil;

    private ParentEndpoint() throws IOException {
        server = ServerSocketChannel.open();
        try {
            // before bind, so that accepted sockets start with a large receive window
            server.setOption(StandardSocketOptions.SO_RCVBUF, FrameChannel.SOCKET_BUFFER);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            server.configureBlocking(false);
            selector = Selector.open();
            acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Thread acceptor = new Thread("multiprocessing4j-acceptor") { // not a lambda: see LaunchGate
            @Override
            public void run() {
                serve();
            }
        };
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The endpoint: opened on first call, and again after one was closed.
     *
     * @throws UncheckedIOException if no loopback socket can be opened
     */
    public static synchronized ParentEndpoint get() {
        if (current == null || current.state == State.CLOSED) {
            try {
                current = new ParentEndpoint();
            } catch (IOException e) {
                throw new UncheckedIOException("multiprocessing4j cannot open the loopback socket its"
                        + " children connect to: " + e, e);
            }
            if (!closeAtExit) {
                closeAtExit = true;
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(ParentEndpoint::closeCurrent,
                            "multiprocessing4j-close"));
                } catch (IllegalStateException e) {
                    // shutting down already; the launch gate refuses the launch that called this
                }
            }
        }
        return current;
    }

    /** The loopback port children connect to. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /** Connections that have not yet sent their whole hello; for tests and diagnostics. */
    public int pendingHandshakes() {
        return pendingCount;
    }

    /**
     * Admits one child: the returned future completes with its connection once a connection has
     * said hello with {@code childId} and {@code childSecret} and has been answered with
     * {@code parentSecret}; it fails if this endpoint closes first. The connection is in
     * non-blocking mode. Call {@link #forget(long)} if the child will never come.
     */
    CompletableFuture<SocketChannel> expect(long childId, byte[] childSecret, byte[] parentSecret) {
        Expected entry = new Expected(childSecret, parentSecret);
        expected.put(childId, entry);
        if (state == State.CLOSED && expected.remove(childId, entry)) {
            entry.connected.completeExceptionally(new IOException("the parent's endpoint has closed"));
        }
        return entry.connected;
    }

    /** Stops waiting for {@code childId}; a late hello with its id is then refused. */
    void forget(long childId) {
        expected.remove(childId);
    }

    // ---------------------------------------------------------------- the acceptor thread

    private void serve() {
        String why = "this JVM is shutting down";
        boolean interrupted = false;
        try {
            while (state == State.OPEN) {
                selector.select(millisToNextDeadline());
                if (Thread.interrupted()) {
                    why = "its acceptor thread was interrupted";
                    interrupted = true;
                    break;
                }
                boolean acceptable = false;
                Set<SelectionKey> ready = selector.selectedKeys();
                for (SelectionKey key : ready) {
                    if (key == acceptKey) {
                        acceptable = true; // after the hellos that have arrived
                    } else if (key.isValid()) {
                        readHello((Pending) key.attachment());
                    }
                }
                ready.clear();
                if (acceptable) {
                    acceptSome();
                }
                long now = System.nanoTime();
                dropOverdue(now);
                if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
                    acceptPausedUntil = 0;
                    acceptKey.interestOps(SelectionKey.OP_ACCEPT);
                }
                pendingCount = pending.size();
            }
        } catch (ClosedSelectorException e) {
            // closed by the shutdown hook
        } catch (IOException | RuntimeException | Error e) {
            why = "its acceptor failed: " + e;
        } finally {
            for (Pending connection : pending) {
                closeQuietly(connection.channel);
            }
            pending.clear();
            pendingCount = 0;
            close(why);
            if (interrupted) {
                Spares.tearDown(); // connected to this endpoint's parent, and the application is going
            }
        }
    }

    /** How long the acceptor may sleep: until the oldest hello is due, or accepting resumes; 0 for ever. */
    private long millisToNextDeadline() {
        long due = 0;
        if (!pending.isEmpty()) {
            due = pending.iterator().next().deadline;
        }
        if (acceptPausedUntil != 0 && (due == 0 || acceptPausedUntil - due < 0)) {
            due = acceptPausedUntil;
        }
        if (due == 0) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime()) + 1);
    }

    private void acceptSome() {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                // Most likely out of file descriptors: free one if a stranger holds it, else wait.
                if (!pending.isEmpty()) {
                    evictOldest();
                    continue;
                }
                acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE_NANOS;
                acceptKey.interestOps(0);
                return;
            }
            if (channel == null) {
                return;
            }
            if (pending.size() >= MAX_PENDING) {
                evictOldest();
            }
            try {
                channel.configureBlocking(false);
                Pending connection = new Pending(channel, System.nanoTime() + HELLO_DEADLINE_NANOS);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                pending.add(connection);
                readHello(connection); // a child's hello is usually there already
            } catch (IOException e) {
                closeQuietly(channel);
            } catch (RuntimeException e) {
                closeQuietly(channel); // the selector was closed under us: the endpoint is closing
                throw e;
            }
        }
    }

    /** Gives the connection that has waited longest a last read, and closes it if that did not admit it. */
    private void evictOldest() {
        Pending oldest = pending.iterator().next();
        readHello(oldest);
        if (pending.contains(oldest)) {
            drop(oldest);
        }
    }

    private void dropOverdue(long now) {
        for (Iterator<Pending> connections = pending.iterator(); connections.hasNext(); ) {
            Pending connection = connections.next();
            if (connection.deadline - now > 0) {
                return; // the rest arrived later, and are due later
            }
            connections.remove();
            connection.key.cancel();
            closeQuietly(connection.channel);
        }
    }

    /**
     * Reads what has arrived of a connection's hello, and as soon as it can tell, closes the
     * connection or admits it: the id and secret of a child that is expected, compared in
     * constant time, get the parent's secret as an answer and the connection is handed over.
     */
    private void readHello(Pending connection) {
        ByteBuffer hello = connection.hello;
        try {
            if (connection.channel.read(hello) < 0) {
                drop(connection);
                return;
            }
        } catch (IOException e) {
            drop(connection);
            return;
        }
        if (hello.position() >= 5 && (hello.getInt(0) != Handshake.MAGIC || hello.get(4) != Handshake.VERSION)) {
            drop(connection);
            return;
        }
        if (hello.hasRemaining()) {
            return;
        }
        pending.remove(connection);
        connection.key.cancel();
        long childId = hello.getLong(5);
        byte[] secret = new byte[Handshake.SECRET_BYTES];
        hello.get(13, secret);
        Expected entry = expected.get(childId);
        if (entry == null || !Handshake.matches(entry.childSecret, secret) || !expected.remove(childId, entry)) {
            closeQuietly(connection.channel);
            return;
        }
        try {
            ByteBuffer answer = ByteBuffer.wrap(entry.parentSecret);
            connection.channel.write(answer); // an empty socket buffer always takes 32 bytes
            if (answer.hasRemaining()) {
                throw new IOException("the parent's answer did not fit in a fresh connection's buffer");
            }
        } catch (IOException e) {
            closeQuietly(connection.channel);
            entry.connected.completeExceptionally(e);
            return;
        }
        if (!entry.connected.complete(connection.channel)) {
            closeQuietly(connection.channel);
        }
    }

    private void drop(Pending connection) {
        pending.remove(connection);
        connection.key.cancel();
        closeQuietly(connection.channel);
    }

    // ---------------------------------------------------------------- closing

    private static synchronized void closeCurrent() {
        if (current != null) {
            current.close("this JVM is shutting down");
        }
    }

    /**
     * Closes this endpoint for good, from any thread; the acceptor thread ends. Children still
     * expected fail to launch, with {@code why} in their message.
     */
    private void close(String why) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        state = State.CLOSED;
        closeQuietly(selector); // wakes the acceptor, which then closes the connections it holds
        closeQuietly(server);
        IOException closed = new IOException("the parent's endpoint closed: " + why);
        for (Iterator<Expected> entries = expected.values().iterator(); entries.hasNext(); ) {
            Expected entry = entries.next();
            entries.remove();
            entry.connected.completeExceptionally(closed);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    /** A child that has been launched and has not yet connected back. */
    private static final class Expected {
        final byte[] childSecret;
        final byte[] parentSecret;
        final CompletableFuture<SocketChannel> connected = new CompletableFuture<>();

        Expected(byte[] childSecret, byte[] parentSecret) {
            this.childSecret = childSecret;
            this.parentSecret = parentSecret;
        }
    }

    /** A connection waiting for its hello. */
    private static final class Pending {
        final SocketChannel channel;
        final long deadline;
        final ByteBuffer hello = ByteBuffer.allocate(Handshake.HELLO_BYTES);
        SelectionKey key;

        Pending(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }
    }
}
