package io.multiprocessing4j.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An encoder that holds large byte arrays by reference ({@link Encoder#holdLargeArrays}) writes
 * exactly the bytes of one that copies them, whichever way they are read, and a channel reuses a
 * body given back for the next frame of its size.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeldArraysTest {

    private static final int HELD = Encoder.HELD_ARRAY_BYTES;

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * A message with a count filled in afterwards, arrays just below, at and above the size that
     * is held, and small values between them; then a failed write undone.
     */
    private static Encoder write(Encoder out) {
        out.writeLong(7);
        int count = out.reserveInt();
        out.writeValue(random(HELD - 1, 1));
        out.writeString("between");
        int task = out.reserveInt();
        out.writeValue(random(HELD, 2));
        out.writeValue(random(HELD + 1, 3));
        out.putInt(task, out.size() - task - 4);
        out.writeValue(List.of(1, 2, 3));
        int mark = out.size();
        out.writeValue(random(3 * HELD, 4));
        out.writeValue(random(10, 5));
        out.truncate(mark); // undoes a held array and what follows it
        out.writeValue(random(2 * HELD + 17, 6));
        out.writeByte(99);
        out.putInt(count, 4);
        return out;
    }

    @Test
    void everyReadingSeesTheBytesACopyingEncoderWrites() throws IOException {
        byte[] expected = write(new Encoder()).toByteArray();
        Encoder held = write(new Encoder().holdLargeArrays());
        assertEquals(expected.length, held.size());
        assertArrayEquals(expected, held.toByteArray());
        assertArrayEquals(Arrays.copyOfRange(expected, 3, expected.length - 5), held.copyOfRange(3, expected.length - 5));

        Encoder into = new Encoder();
        held.copyTo(5, expected.length - 9, into);
        assertArrayEquals(Arrays.copyOfRange(expected, 5, expected.length - 4), into.toByteArray());

        ByteBuffer shared = ByteBuffer.allocate(expected.length + 10);
        held.copyTo(0, expected.length, shared, 10);
        assertArrayEquals(expected, Arrays.copyOfRange(shared.array(), 10, shared.capacity()));

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        held.writeFrame(FrameType.RESULTS, wire);
        assertEquals(held.frameLength(), wire.size());
        ByteBuffer frame = ByteBuffer.wrap(wire.toByteArray());
        assertEquals(expected.length, frame.getInt());
        assertEquals(FrameType.RESULTS, frame.get());
        assertArrayEquals(expected, Arrays.copyOfRange(frame.array(), FrameChannel.HEADER_BYTES, frame.capacity()));
    }

    @Test
    void anEncoderResetHoldsNothingFromTheMessageBefore() {
        Encoder out = write(new Encoder().holdLargeArrays());
        out.reset();
        out.writeInt(5);
        assertEquals(4, out.size());
        assertArrayEquals(new byte[] {0, 0, 0, 5}, out.toByteArray());
    }

    @Test
    void heldArraysDecodeAsTheyWereSent() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                FrameChannel a = new FrameChannel(new Socket(loopback, server.getLocalPort()));
                FrameChannel b = new FrameChannel(server.accept())) {
            byte[] big = random(1 << 20, 7);
            byte[] small = random(100, 8);
            Encoder first = new Encoder().holdLargeArrays();
            first.writeValue(big);
            Encoder second = new Encoder().holdLargeArrays();
            second.writeValue(small);
            // a batch of frames, one of them holding an array, goes out in order
            a.sendAll(new Frame[] {WireTesting.frame((byte) 1, second), WireTesting.frame((byte) 2, first),
                    WireTesting.frame((byte) 3, second)}, 3);
            for (int type = 1; type <= 3; type++) {
                assertEquals(type, b.receive());
                Object value = new Decoder(b.body(), WireTesting.LOADER).readValue();
                assertArrayEquals(type == 2 ? big : small, (byte[]) value);
            }
        }
    }

    @Test
    void aBodyGivenBackIsReadIntoByTheNextFrameOfItsSize() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                FrameChannel a = new FrameChannel(new Socket(loopback, server.getLocalPort()));
                FrameChannel b = new FrameChannel(server.accept())) {
            int size = 300_000;
            a.send(WireTesting.frame((byte) 1, bodyOf(random(size, 1))));
            a.send(WireTesting.frame((byte) 2, bodyOf(random(size, 2))));
            a.send(WireTesting.frame((byte) 3, bodyOf(random(size + 1, 3))));
            a.send(WireTesting.frame((byte) 4, bodyOf(random(size, 4))));

            assertEquals(1, b.receive());
            byte[] taken = b.takeBody();
            b.reuse(taken);
            assertEquals(2, b.receive());
            byte[] second = b.takeBody();
            assertSame(taken, second, "the body given back is read into");
            assertArrayEquals(random(size, 2), second);
            b.reuse(second);
            assertEquals(3, b.receive());
            byte[] third = b.takeBody();
            assertNotSame(second, third, "a frame of another size gets an array of its own");
            assertArrayEquals(random(size + 1, 3), third);
            assertEquals(4, b.receive());
            assertArrayEquals(random(size, 4), b.takeBody(), "the body given back went with the frame of another size");
        }
    }

    private static Encoder bodyOf(byte[] bytes) {
        Encoder out = new Encoder(bytes.length);
        out.writeRaw(bytes, 0, bytes.length);
        return out;
    }
}
