package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.internal.launch.ParentEndpoint;
import io.multiprocessing4j.internal.wire.Handshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing from a peer that has not proved it is our child is ever deserialized: a stranger who
 * connects to the parent's port with a wrong secret is disconnected after its hello, and the
 * serialized object it sends next is never read.
 */
@Timeout(30)
class WireAuthenticationTest {

    /** Set if anything ever deserializes a {@link Tripwire}. */
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    /** Records its own deserialization. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED.set(true);
        }
    }

    @Test
    void aStrangerWithAWrongSecretIsCutOffBeforeAnythingIsDecoded() throws Exception {
        try (Pool pool = Pool.create(1)) {
            int port = ParentEndpoint.get().port();
            for (long childId : new long[] {1, 2, 3, 9999}) {
                try (Socket stranger = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = stranger.getOutputStream();
                    out.write(Handshake.hello(childId, new byte[Handshake.SECRET_BYTES]));
                    out.write(frameOf(serialized(new Tripwire())));
                    out.flush();
                    assertEquals(-1, firstAnswer(stranger), "the parent answered a stranger");
                }
            }
            try (Socket stranger = new Socket(InetAddress.getLoopbackAddress(), port)) {
                stranger.getOutputStream().write(serialized(new Tripwire()));
                assertEquals(-1, firstAnswer(stranger));
            }
            assertFalse(DESERIALIZED.get(), "a stranger's bytes were deserialized");
            assertEquals(25, pool.apply(PoolJobsTasks.square(5)), "the pool's own workers still work");
        }
    }

    /** The first byte the parent sends back: -1 when it closes the connection without a word. */
    private static int firstAnswer(Socket stranger) throws IOException {
        stranger.setSoTimeout(5000);
        InputStream in = stranger.getInputStream();
        return in.read();
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** The bytes framed as a pool worker's results would be, to tempt the parent's reader. */
    private static byte[] frameOf(byte[] body) {
        return ByteBuffer.allocate(5 + body.length).putInt(body.length).put((byte) 20).put(body).array();
    }
}
