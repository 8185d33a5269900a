package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.ManagerGoneException;
import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.internal.Scheduler;
import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.EncodedFrame;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.Handshake;
import io.multiprocessing4j.internal.wire.ManagerCall;
import io.multiprocessing4j.internal.wire.ManagerReply;
import io.multiprocessing4j.internal.wire.ThrowableCodec;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One process's connections to one manager's server, and the calls over them. A call borrows an
 * idle connection (or opens and authenticates a new one), sends one frame, reads one reply and
 * gives the connection back: each thread blocked in a call holds a connection of its own, so a
 * slow call never delays another. No thread of its own: every call runs on its caller's thread.
 *
 * <p>A broken connection (the server died: its sockets close at once on this machine) fails the
 * call with {@link ManagerGoneException}; so does every later call, without trying again, once a
 * new connection cannot be made. Thread-safe.
 */
public final class ManagerClient {

    /** How long connecting, proving the key and attaching a new connection may take together. */
    private static final long OPEN_MILLIS = 10_000;

    private final InetSocketAddress address;
    private final byte[] key;
    private final ClassLoader loader;
    /** The server's address as messages name it. */
    private final String where;
    /** This client's id on the server, the same on all its connections: what it holds is given back when they all close. */
    private final long id = ByteBuffer.wrap(Handshake.newSecret()).getLong() | 1;
    private final ConcurrentLinkedDeque<ClientConnection> idle = new ConcurrentLinkedDeque<>();
    /** Idle connections that notice interrupts, for interruptible calls (see {@link ClientConnection}). */
    private final ConcurrentLinkedDeque<ClientConnection> idleWatched = new ConcurrentLinkedDeque<>();
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private volatile String closedBecause;

    private ManagerClient(InetSocketAddress address, byte[] key, ClassLoader loader) {
        this.address = address;
        this.key = key.clone();
        this.loader = loader;
        this.where = address.getHostString() + ":" + address.getPort();
    }

    /**
     * Connects and authenticates once, so that a wrong key or address fails here.
     *
     * @throws io.multiprocessing4j.AuthenticationException if either side does not prove the key
     * @throws ManagerGoneException if the server cannot be reached
     */
    public static ManagerClient connect(InetSocketAddress address, byte[] key) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ManagerClient client = new ManagerClient(address, key,
                loader != null ? loader : ManagerClient.class.getClassLoader());
        client.idle.push(client.open(false));
        return client;
    }

    /**
     * A client that connects on its first call: for proxies that arrive as handles, so that
     * decoding a message never waits on a network.
     */
    static ManagerClient lazy(InetSocketAddress address, byte[] key) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new ManagerClient(address, key, loader != null ? loader : ManagerClient.class.getClassLoader());
    }

    /** The server's address, as this client reaches it. */
    public InetSocketAddress address() {
        return address;
    }

    byte[] key() {
        return key.clone();
    }


    private ClientConnection open(boolean watched) {
        String reason = closedBecause;
        if (reason != null) {
            throw new ManagerGoneException("the manager at " + where + " is gone: " + reason, null);
        }
        Socket socket = new Socket(Proxy.NO_PROXY);
        // Bounded by a timer that closes the socket, not by a timed connect or read: after one of
        // those the JDK's socket stays in non-blocking mode for good, and every later reply would
        // be read with a read that fails, a poll and a read again, where a blocking read is one
        // system call (about 1 to 2 us of a 20 us round trip here).
        // Whoever sets it first decides: the timer, which then closes the socket, or this thread,
        // done or failed. A future's cancel cannot tell: it succeeds while the timer's action runs.
        AtomicBoolean decided = new AtomicBoolean();
        ScheduledFuture<?> deadline = Scheduler.after(TimeUnit.MILLISECONDS.toNanos(OPEN_MILLIS), () -> {
            if (decided.compareAndSet(false, true)) {
                closeQuietly(socket);
            }
        });
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort())
                    : address);
            Authentication.client(socket.getInputStream(), socket.getOutputStream(), key, where);
            ClientConnection connection = new ClientConnection(socket, watched);
            Encoder attach = new Encoder();
            ManagerCall.write(attach, Op.SERVER, Op.ATTACH, id);
            outcome(exchange(connection.channel(), attach, loader), where, loader);
            if (!decided.compareAndSet(false, true)) {
                throw new IOException("the deadline closed the connection as it was made");
            }
            deadline.cancel(false);
            open.add(connection);
            return connection;
        } catch (IOException e) {
            boolean late = !decided.compareAndSet(false, true);
            deadline.cancel(false);
            closeQuietly(socket);
            throw new ManagerGoneException("the manager at " + where + " cannot be reached ("
                    + (late ? "no answer within " + OPEN_MILLIS + " ms" : e.toString())
                    + "): its server has exited, or it listens elsewhere", e);
        } catch (RuntimeException e) {
            decided.set(true);
            deadline.cancel(false);
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * Calls {@code op} on object {@code object} of the server, an operation that does not wait
     * there. An interrupt does not end it; the interrupt status is kept.
     *
     * @return the result, decoded
     * @throws IllegalArgumentException if an argument cannot be carried (nothing was sent)
     * @throws ManagerGoneException if the server is gone
     * @throws RemoteException if a {@code @Managed} implementation threw a checked exception
     * @throws RuntimeException or {@link Error}: what the server's object threw, rebuilt here
     */
    public Object call(int object, int op, Object... arguments) {
        try {
            return call(false, object, op, arguments);
        } catch (InterruptedException e) {
            throw new AssertionError("a call that cannot be cancelled was", e);
        }
    }

    /**
     * Calls {@code op}, which may wait on the server ({@link Op#mayWait}). If {@code interruptible},
     * an interrupt of this thread before the call or while it waits cancels it on the server
     * (noticed within {@value ClientConnection#WATCH_MILLIS} ms); if the call succeeded before the
     * cancel arrived, its result is returned and the interrupt status set again, so that nothing
     * it took is lost. If not {@code interruptible}, an interrupt is only kept.
     *
     * <p>{@code arguments[0]} is the longest wait on the server in nanoseconds (a {@link Long};
     * negative: no limit). The time it takes to open a connection for the call, when none is
     * idle, counts against it: the server is sent what is left (0, a try that does not wait, if
     * nothing is), so that a timed wait returns on time counted from this call, however slow the
     * connection's authentication.
     *
     * @throws InterruptedException if interrupted before the call, or while it waited and before
     *     it succeeded; the interrupt status is cleared
     * @throws ManagerGoneException if the server is gone, or goes while the call waits
     */
    Object callWaiting(boolean interruptible, int object, int op, Object... arguments) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        return call(interruptible, object, op, arguments, true);
    }

    private Object call(boolean interruptible, int object, int op, Object[] arguments) throws InterruptedException {
        return call(interruptible, object, op, arguments, false);
    }

    private Object call(boolean interruptible, int object, int op, Object[] arguments, boolean timed)
            throws InterruptedException {
        long called = System.nanoTime();
        Encoder body = encode(object, op, arguments);
        ConcurrentLinkedDeque<ClientConnection> spare = interruptible ? idleWatched : idle;
        ClientConnection connection = spare.poll();
        if (connection == null) {
            connection = open(interruptible);
            if (timed && (Long) arguments[0] > 0) {
                arguments[0] = Math.max(0, (Long) arguments[0] - (System.nanoTime() - called));
                body = encode(object, op, arguments);
            }
        }
        Decoder reply;
        boolean cancelled;
        if (interruptible) {
            connection.cancellable();
        }
        try {
            reply = exchange(connection.channel(), body, loader);
        } catch (IOException e) {
            if (connection.cancelled()) {
                Thread.currentThread().interrupt();
            }
            discard(connection);
            String reason = closedBecause;
            throw new ManagerGoneException("the manager at " + where + " is gone"
                    + (reason != null ? ": " + reason : " (its server exited, or the connection broke: " + e + ")"), e);
        }
        cancelled = connection.cancelled();
        try {
            return outcome(reply, where, loader);
        } catch (Cancelled e) {
            cancelled = false;
            throw new InterruptedException();
        } finally {
            if (cancelled) {
                Thread.currentThread().interrupt();
            }
            if (closedBecause == null) {
                spare.push(connection);
            } else {
                discard(connection);
            }
        }
    }

    private Encoder encode(int object, int op, Object[] arguments) {
        Encoder body = new Encoder();
        try {
            ManagerCall.write(body, object, op, arguments);
        } catch (WireException e) {
            throw new IllegalArgumentException("cannot send " + e.getMessage() + " to the manager at " + where, e);
        }
        return body;
    }

    /** A reply that says a waiting call was cancelled: the caller throws {@link InterruptedException}. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** Sends a call and waits for its reply. */
    static Decoder exchange(FrameChannel channel, Encoder body, ClassLoader loader) throws IOException {
        channel.send(new EncodedFrame(FrameType.MANAGER_CALL, body));
        int type = channel.receive();
        if (type != FrameType.MANAGER_REPLY) {
            throw new IOException(type < 0 ? "the connection was closed" : "unexpected frame " + type);
        }
        return new Decoder(channel.body(), loader);
    }

    /** What a reply means: its value, or the exception it carries, thrown. */
    static Object outcome(Decoder reply, String where, ClassLoader loader) {
        byte status = reply.readByte();
        if (status == ManagerReply.RETURNED) {
            try {
                return reply.readValue();
            } catch (WireException e) {
                throw new IllegalStateException("the manager at " + where + " sent a result this process"
                        + " cannot decode: " + e.getMessage(), e);
            }
        }
        if (status == ManagerReply.INTERRUPTED) {
            throw new Cancelled();
        }
        if (status == ManagerReply.REFUSED) {
            throw new IllegalStateException("the manager at " + where + " refused the call: " + reply.readString());
        }
        Throwable thrown = ThrowableCodec.read(reply, loader);
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        RemoteException remote = new RemoteException(thrown.getClass().getName(), thrown.getMessage(), trace.toString());
        remote.initCause(thrown);
        throw remote;
    }

    /** Closes every connection: calls in progress and later ones fail with {@link ManagerGoneException}. */
    public void close(String reason) {
        closedBecause = reason;
        for (ClientConnection connection : open) {
            discard(connection);
        }
        idle.clear();
        idleWatched.clear();
    }

    private void discard(ClientConnection connection) {
        open.remove(connection);
        try {
            connection.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
