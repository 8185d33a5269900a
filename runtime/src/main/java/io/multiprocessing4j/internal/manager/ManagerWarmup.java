package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.EncodedFrame;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ManagerCall;
import io.multiprocessing4j.internal.wire.ManagerReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a fresh JVM's first manager calls fast: it runs a few thousand calls through the very code
 * (and the JDK's socket code) that real calls run, over real loopback connections, so that the JIT
 * has compiled it before the first real call. Without it, a fresh server and a fresh client each
 * interpret their first thousands of calls, which then take several times their later round trip
 * (measured: about 150 us for the first thousand dict puts against 30 us after ten thousand).
 *
 * <ul>
 *   <li>A server ({@link #server}) calls itself: a client of its own port, through the selector's
 *       authentication, a session and a scratch dict, before it tells its parent that it
 *       listens; that costs its start a few hundred milliseconds, and nothing competes with the
 *       first real calls for the CPU afterwards.</li>
 *   <li>A process starting a server ({@link #start}) exchanges calls and replies with a thread of
 *       its own over loopback TCP, on a daemon thread ({@code multiprocessing4j-manager-warmup}),
 *       while the server's JVM boots. Once per process.</li>
 * </ul>
 * Touches nothing but its own scratch objects and connections; a warm-up that fails only leaves
 * the JIT to do its work later.
 */
final class ManagerWarmup {

    private static final int SERVER_ROUNDS = 3_000;
    private static final int CLIENT_ROUNDS = 5_000;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ManagerWarmup() {}

    /**
     * Makes {@link #SERVER_ROUNDS} dict calls on the server listening at {@code self} with key
     * {@code key}, as a client, on a thread of its own; then runs {@code then} (whether or not the
     * calls succeeded). The server's selector must be serving.
     */
    static void server(InetSocketAddress self, byte[] key, Runnable then) {
        Thread thread = new Thread(() -> {
            try {
                ManagerClient client = ManagerClient.connect(self, key);
                try {
                    int dict = (Integer) client.call(Op.SERVER, Op.CREATE, Op.DICT, null, null);
                    for (int i = 0; i < SERVER_ROUNDS; i++) {
                        client.call(dict, i % 2 == 0 ? Op.MAP_PUT : Op.MAP_GET, i % 64, i);
                    }
                    client.call(dict, Op.MAP_CLEAR);
                } finally {
                    client.close("the warm-up is over");
                }
            } catch (RuntimeException e) {
                // the JIT does its work later
            } finally {
                then.run();
            }
        }, "multiprocessing4j-manager-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the client side's warm-up, unless it has started already in this process. */
    static void start() {
        if (STARTED.get() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(ManagerWarmup::client, "multiprocessing4j-manager-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** A client's calls over loopback TCP to a thread that answers each with a reply that carries a value. */
    private static void client() {
        ClassLoader loader = ManagerWarmup.class.getClassLoader();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answer(listening), "multiprocessing4j-manager-warmup-peer");
            answering.setDaemon(true);
            answering.start();
            Socket socket = new Socket(Proxy.NO_PROXY);
            socket.setTcpNoDelay(true);
            socket.connect(listening.getLocalSocketAddress(), 10_000);
            try (ClientConnection connection = new ClientConnection(socket, false)) {
                for (int i = 0; i < CLIENT_ROUNDS; i++) {
                    Encoder call = new Encoder();
                    ManagerCall.write(call, 1, Op.MAP_PUT, i, i);
                    ManagerClient.outcome(ManagerClient.exchange(connection.channel(), call, loader), "the warm-up", loader);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the JIT does its work later
        }
    }

    /** The warm-up's peer: answers every call on the one connection it accepts, until it closes. */
    private static void answer(ServerSocket listening) {
        try (Socket socket = listening.accept()) {
            socket.setTcpNoDelay(true);
            FrameChannel channel = new FrameChannel(socket.getInputStream(), socket.getOutputStream(), socket);
            Encoder reply = new Encoder();
            ManagerReply.returned(reply, Map.of(1, "a value"));
            EncodedFrame frame = new EncodedFrame(FrameType.MANAGER_REPLY, reply);
            while (channel.receive() >= 0) {
                channel.send(frame);
            }
        } catch (IOException e) {
            // the warm-up is over
        }
    }
}
