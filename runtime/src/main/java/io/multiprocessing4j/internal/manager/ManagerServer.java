package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ManagerCall;
import io.multiprocessing4j.internal.wire.ManagerReady;
import io.multiprocessing4j.internal.wire.ManagerReply;
import io.multiprocessing4j.internal.wire.ManagerStart;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A manager's server, the body of its child JVM: binds, tells its parent the port, then accepts
 * clients until the JVM is stopped (its parent closes the manager, or dies).
 *
 * <p>Threads: the acceptor (the child's main thread) never reads from a client. Each accepted
 * socket is authenticated by one of at most {@value #AUTHENTICATORS} authenticator threads, with
 * {@value #HELLO_MILLIS} ms for the whole handshake; when they are all busy and
 * {@value #WAITING} sockets wait, a new socket is closed at once. So garbage, port scans and
 * silent peers cost a bounded number of threads for a bounded time, and nothing they send is
 * decoded. An authenticated connection gets a session thread of its own (at most
 * {@value #SESSIONS}), which serves its calls one after another until it closes.
 */
public final class ManagerServer {

    static final int AUTHENTICATORS = 8;
    static final int WAITING = 256;
    static final int HELLO_MILLIS = 5_000;
    static final int SESSIONS = 4096;

    private final byte[] key;
    private final ServerObjects objects;
    private final ClassLoader loader;
    private final Semaphore sessions = new Semaphore(SESSIONS);
    private final ThreadPoolExecutor authenticators = new ThreadPoolExecutor(AUTHENTICATORS, AUTHENTICATORS,
            30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING), runnable -> {
                Thread thread = new Thread(runnable, "multiprocessing4j-manager-hello");
                thread.setDaemon(true);
                return thread;
            });

    private ManagerServer(byte[] key, ServerObjects objects, ClassLoader loader) {
        this.key = key;
        this.objects = objects;
        this.loader = loader;
        authenticators.allowCoreThreadTimeOut(true);
    }

    /**
     * Serves as the manager described by the rest of {@code in}; returns only by exiting the JVM.
     * Called by the child's main once it has its identity.
     */
    public static void run(FrameChannel parent, String name, Decoder in, ClassLoader loader) {
        ServerSocket socket;
        ManagerServer server;
        try {
            ManagerStart start = ManagerStart.read(in);
            server = new ManagerServer(start.authkey, new ServerObjects(new Registrations(start.registrations,
                    loader)), loader);
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(start.host, start.port), 1024);
            Encoder ready = new Encoder();
            ManagerReady.write(ready, socket.getLocalPort());
            parent.send(FrameType.MANAGER_READY, ready);
        } catch (IOException | RuntimeException e) {
            System.err.println("multiprocessing4j manager " + name + " cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        server.accept(socket);
    }

    private void accept(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                // a transient failure (too many open files, a reset before accept): go on
                pause();
                continue;
            }
            try {
                authenticators.execute(() -> authenticate(client));
            } catch (RejectedExecutionException e) {
                closeQuietly(client);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void authenticate(Socket client) {
        try {
            client.setSoTimeout(HELLO_MILLIS);
            client.setTcpNoDelay(true);
            if (!Authentication.server(client.getInputStream(), client.getOutputStream(), key)
                    || !sessions.tryAcquire()) {
                closeQuietly(client);
                return;
            }
            client.setSoTimeout(0);
        } catch (SocketTimeoutException e) {
            closeQuietly(client);
            return;
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            return;
        }
        Thread session = new Thread(() -> serve(client), "multiprocessing4j-manager-session");
        session.setDaemon(true);
        session.start();
    }

    private void serve(Socket client) {
        Encoder reply = new Encoder();
        try (FrameChannel channel = new FrameChannel(client)) {
            int type;
            while ((type = channel.receive()) >= 0) {
                reply.reset();
                if (type != FrameType.MANAGER_CALL) {
                    return;
                }
                answer(new Decoder(channel.body(), loader), reply);
                channel.send(FrameType.MANAGER_REPLY, reply);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or broke the protocol: its connection ends, nothing else
        } finally {
            sessions.release();
            closeQuietly(client);
        }
    }

    private void answer(Decoder in, Encoder reply) {
        ManagerCall call;
        try {
            call = ManagerCall.read(in);
        } catch (WireException e) {
            ManagerReply.refused(reply, "the server cannot decode the call: " + e.getMessage());
            return;
        }
        Object result;
        try {
            result = objects.call(call.object, call.op, call.arguments);
        } catch (ServerObjects.Refused e) {
            ManagerReply.refused(reply, e.getMessage());
            return;
        } catch (Throwable thrown) {
            reply.reset();
            ManagerReply.threw(reply, thrown);
            return;
        }
        try {
            ManagerReply.returned(reply, result);
        } catch (WireException e) {
            reply.reset();
            ManagerReply.refused(reply, "the result cannot be sent back: " + e.getMessage());
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
