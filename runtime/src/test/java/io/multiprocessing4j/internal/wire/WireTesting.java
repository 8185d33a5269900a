package io.multiprocessing4j.internal.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/** Helpers shared by the wire tests. */
final class WireTesting {

    static final ClassLoader LOADER = WireTesting.class.getClassLoader();

    private WireTesting() {}

    /** Encodes {@code value} alone in a message and decodes it back, checking that nothing is left over. */
    static Object roundTrip(Object value) {
        Encoder out = new Encoder();
        out.writeValue(value);
        Decoder in = decoder(out.toByteArray());
        Object back = in.readValue();
        assertFalse(in.hasRemaining(), "bytes left after the value");
        return back;
    }

    /** A frame of any type around a body already written, for tests of the channel itself. */
    static Frame frame(byte type, Encoder body) {
        return new Frame() {
            @Override
            public byte type() {
                return type;
            }

            @Override
            public void write(Encoder out) {
                body.copyTo(0, body.size(), out);
            }

            @Override
            public Encoder encode() {
                return body;
            }
        };
    }

    static Decoder decoder(byte[] message) {
        return new Decoder(ByteBuffer.wrap(message), LOADER);
    }

    /** Decodes one value from raw bytes. */
    static Object decode(byte[] message) {
        return decoder(message).readValue();
    }

    /**
     * Runs {@code action} and checks that this thread allocated less than {@code limit} bytes
     * meanwhile, so that a check that must happen before an allocation really does.
     */
    static void assertAllocatesLessThan(long limit, Runnable action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        action.run();
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < limit, "allocated " + allocated + " bytes, expected < " + limit);
    }
}
