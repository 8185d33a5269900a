package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.ManagerCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Makes a new server's first handshake and first calls fast: from the moment its JVM starts
 * ({@link ManagerServer#warmUpEarly}, first thing in the child's main) until its first client has
 * proved the key, sets up HMAC-SHA256 ({@link Authentication#prepare}) and then runs the server's
 * call path (a session reads a call, decodes it, runs it on a dict, encodes and writes the reply)
 * on scratch objects, over a loopback connection of the server's own, so that the first clients'
 * calls run compiled code rather than the interpreter's.
 *
 * <p>Why: a server JVM's boot runs on one thread, and its parent only waits for it, so the
 * machine's second core idles; and the server used to spend its first 100 ms after it listened
 * mostly on its own first HMAC (60 to 90 ms in a fresh JVM) while the client waited, then
 * interpret its first few hundred calls, each two to three times as slow as later ones
 * (measured: the 250th to 500th dict put of a fresh server 84 to 120 us each, from the 750th on
 * about 40 us). The warm-up runs in that time. It stops as soon as a real connection is
 * authenticated ({@link #stop()}), or after {@value #CALLS} calls, so it never competes with a
 * client's calls for long: at most the one call it has in flight. A spare JVM booted for a
 * manager's options (warm start) runs it as it boots too, and is then handed over warm.
 *
 * <p>Nothing outside reaches it: its listener is bound to the loopback address, accepts one
 * connection and closes, and a connection that is not the warm-up's own (another local process
 * that came first) is closed unread. The scratch objects are not the server's: no client sees
 * them, and they are garbage when the warm-up ends. Threads: its own daemon thread
 * ({@code multiprocessing4j-manager-warm-up}) makes the calls; a session thread serves them as
 * any connection's, then ends with the connection.
 */
final class ServerWarmUp implements Runnable {

    /**
     * At most this many calls: the server runs the JIT's first tier only ({@code ServerProcess}),
     * which compiles a method after a few hundred calls; more than that buys nothing.
     */
    static final int CALLS = 1000;

    private final ClassLoader loader;
    private final Thread thread = new Thread(this, "multiprocessing4j-manager-warm-up");
    private volatile boolean stopped;
    /** The dict calls made so far; written by the warm-up's thread only. */
    private volatile int calls;

    ServerWarmUp(ClassLoader loader) {
        this.loader = loader;
        thread.setDaemon(true);
    }

    /** Starts the warm-up on its daemon thread; once. */
    ServerWarmUp start() {
        thread.start();
        return this;
    }

    /** Ends the warm-up after the call it is making, if any; any thread. */
    void stop() {
        stopped = true;
    }

    /** How many dict calls it has made, for tests. */
    int calls() {
        return calls;
    }

    /** Waits until the warm-up's thread has ended, for tests; says whether it has. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    @Override
    public void run() {
        Authentication.prepare();
        try (Socket client = new Socket(Proxy.NO_PROXY); SocketChannel served = connect(client)) {
            if (served == null) {
                return;
            }
            ServerObjects scratch = new ServerObjects(new Registrations(List.of(), loader));
            Inline inline = new Inline();
            Thread session = new Thread(new ServerSession(new FrameChannel(served.socket()), scratch,
                    new Clients(scratch), inline, loader, inline), "multiprocessing4j-manager-session");
            session.setDaemon(true);
            session.start();
            call(new FrameChannel(client));
        } catch (IOException | RuntimeException e) {
            // only a warm-up: the real calls work (or fail) on their own
        }
    }

    /**
     * Connects {@code client} to a listener of the server's own and returns the end it accepted,
     * or {@code null} if the connection it accepted was another's.
     */
    private static SocketChannel connect(Socket client) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            client.connect(listener.getLocalAddress());
            SocketChannel accepted = listener.accept();
            InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteAddress();
            if (peer.getPort() != client.getLocalPort() || !peer.getAddress().isLoopbackAddress()) {
                accepted.close();
                return null;
            }
            return accepted;
        }
    }

    /** The calls: a client's attach, a dict, then puts and gets with int and string keys, as a dict's users make them. */
    private void call(FrameChannel channel) throws IOException {
        call(channel, Op.SERVER, Op.ATTACH, 1L);
        Object dict = call(channel, Op.SERVER, Op.CREATE, Op.DICT, null, null);
        if (!(dict instanceof Integer)) {
            return;
        }
        for (int i = 0; i < CALLS && !stopped; i++) {
            Object key = (i & 3) == 3 ? Integer.toString(i) : Integer.valueOf(i);
            if ((i & 7) == 7) {
                call(channel, (Integer) dict, Op.MAP_GET, key);
            } else {
                call(channel, (Integer) dict, Op.MAP_PUT, key, key);
            }
            calls = i + 1;
        }
    }

    /**
     * The warm-up session's executor of calls that wait, which it never makes, and what runs at
     * its end: nothing. A class, not lambdas, whose first use costs a boot-time JVM milliseconds.
     */
    private static final class Inline implements Executor, Runnable {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void run() {
            // nothing to release
        }
    }

    private Object call(FrameChannel channel, int object, int op, Object... arguments) throws IOException {
        Encoder body = new Encoder();
        ManagerCall.write(body, object, op, arguments);
        return ManagerClient.outcome(ManagerClient.exchange(channel, body, loader), "the warm-up", loader);
    }
}
