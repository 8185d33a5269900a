package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.ManagerCall;
import io.multiprocessing4j.internal.wire.ManagerReply;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the encoding and decoding of calls and replies, and a dict's operations, a few thousand
 * times on scratch objects, on a daemon thread of its own ({@code multiprocessing4j-manager-warmup}),
 * so that the JIT has compiled them before a client's first calls: a fresh server JVM otherwise
 * interprets its first few thousand calls, and so does a fresh client (its side is run over a
 * channel in memory that answers every call). Started once per process: by a server before it
 * listens, and by a process starting a server while that server's JVM boots. Touches nothing
 * but its own scratch objects.
 */
final class ManagerWarmup {

    private static final int ROUNDS = 5_000;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ManagerWarmup() {}

    /** Starts the warm-up, unless it has started already in this process. */
    static void start() {
        if (STARTED.get() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(ManagerWarmup::run, "multiprocessing4j-manager-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        ClassLoader loader = ManagerWarmup.class.getClassLoader();
        ServerObjects scratch = new ServerObjects(new Registrations(List.of(), loader));
        Encoder call = new Encoder();
        Encoder reply = new Encoder();
        try {
            int id = (Integer) scratch.call(1, Op.SERVER, Op.CREATE, new Object[] {Op.DICT, null, null});
            for (int i = 0; i < ROUNDS; i++) {
                call.reset();
                ManagerCall.write(call, id, i % 2 == 0 ? Op.MAP_PUT : Op.MAP_GET, i % 100, i);
                ManagerCall decoded = ManagerCall.read(new Decoder(ByteBuffer.wrap(call.toByteArray()), loader));
                Object result = scratch.call(1, decoded.object, decoded.op, decoded.arguments);
                reply.reset();
                ManagerReply.returned(reply, result);
                Decoder back = new Decoder(ByteBuffer.wrap(reply.toByteArray()), loader);
                back.readByte();
                back.readValue();
            }
            clientSide(loader);
        } catch (Throwable e) {
            // a warm-up that fails only leaves the JIT to do its work later
        }
    }

    /** A client's calls over a channel that discards what is sent and answers every call with null. */
    private static void clientSide(ClassLoader loader) throws IOException {
        Encoder answer = new Encoder();
        ManagerReply.returned(answer, null);
        byte[] body = answer.toByteArray();
        byte[] frame = ByteBuffer.allocate(FrameChannel.HEADER_BYTES + body.length).putInt(body.length)
                .put(FrameType.MANAGER_REPLY).put(body).array();
        InputStream replies = new InputStream() {
            private int at;

            @Override
            public int read() {
                byte b = frame[at];
                at = (at + 1) % frame.length;
                return b & 0xFF;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                int n = Math.min(length, frame.length - at);
                System.arraycopy(frame, at, into, offset, n);
                at = (at + n) % frame.length;
                return n;
            }
        };
        FrameChannel channel = new FrameChannel(replies, OutputStream.nullOutputStream(), () -> { });
        for (int i = 0; i < ROUNDS; i++) {
            Encoder call = new Encoder();
            ManagerCall.write(call, 1, Op.MAP_PUT, i, i);
            ManagerClient.outcome(ManagerClient.exchange(channel, call, loader), "the warm-up", loader);
        }
    }
}
