package io.multiprocessing4j.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrameChannelTest {

    private FrameChannel a;
    private FrameChannel b;
    private ExecutorService threads;

    @BeforeEach
    void connect() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            Socket client = new Socket(loopback, server.getLocalPort());
            a = new FrameChannel(client);
            b = new FrameChannel(server.accept());
        }
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() throws IOException {
        threads.shutdownNow();
        a.close();
        b.close();
    }

    private static byte[] remaining(ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return bytes;
    }

    private static Encoder body(byte[] bytes) {
        Encoder out = new Encoder(bytes.length);
        out.writeRaw(bytes, 0, bytes.length);
        return out;
    }

    @Test
    void framesOfEverySizeArriveIntactAndInOrder() throws Exception {
        Random random = new Random(3);
        byte[] small = {1, 2, 3};
        byte[] big = new byte[8 << 20];
        random.nextBytes(big);
        byte[] medium = new byte[100_000];
        random.nextBytes(medium);

        Future<?> sending = threads.submit(() -> {
            a.send(WireTesting.frame((byte) 1, new Encoder(0)));
            a.send(WireTesting.frame((byte) 2, new Encoder(0)));
            a.send(WireTesting.frame((byte) 3, body(small)));
            a.send(WireTesting.frame((byte) 4, body(big)));
            a.send(WireTesting.frame((byte) 5, body(small)));
            a.send(WireTesting.frame((byte) 6, body(medium)));
            a.send(WireTesting.frame((byte) 127, new Encoder(0)));
            return null;
        });
        assertEquals(1, b.receive());
        assertEquals(0, b.body().remaining());
        assertEquals(2, b.receive());
        assertEquals(0, b.body().remaining());
        assertEquals(3, b.receive());
        assertArrayEquals(small, remaining(b.body()));
        assertEquals(4, b.receive());
        assertArrayEquals(big, remaining(b.body()));
        assertEquals(5, b.receive());
        assertArrayEquals(small, remaining(b.body()));
        assertEquals(6, b.receive());
        assertArrayEquals(medium, remaining(b.body()));
        assertEquals(127, b.receive());
        assertEquals(0, b.body().remaining());
        sending.get();
    }

    @Test
    void valuesTravelInFrames() throws Exception {
        Encoder out = new Encoder();
        out.writeValue(List.of("over", "the", "wire", 42));
        a.send(WireTesting.frame(FrameType.RESULTS, out));
        assertEquals(FrameType.RESULTS, b.receive());
        assertEquals(List.of("over", "the", "wire", 42), new Decoder(b.body(), WireTesting.LOADER).readValue());
    }

    @Test
    void concurrentSendersNeverInterleave() throws Exception {
        int senders = 4;
        int framesEach = 150;
        List<Future<?>> sending = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            sending.add(threads.submit(() -> {
                Random random = new Random(sender);
                for (int seq = 0; seq < framesEach; seq++) {
                    int length = seq % 10 == 0 ? 64 * 1024 + random.nextInt(256 * 1024) : random.nextInt(2000);
                    byte[] payload = new byte[length];
                    random.nextBytes(payload);
                    CRC32 crc = new CRC32();
                    crc.update(payload);
                    Encoder out = new Encoder(length + 20);
                    out.writeInt(sender);
                    out.writeInt(seq);
                    out.writeLong(crc.getValue());
                    out.writeByteArray(payload);
                    a.send(WireTesting.frame((byte) (10 + sender), out));
                }
                return null;
            }));
        }
        int[] next = new int[senders];
        for (int received = 0; received < senders * framesEach; received++) {
            int type = b.receive();
            ByteBuffer body = b.body();
            int sender = body.getInt();
            assertEquals(10 + sender, type, "the type belongs to the body");
            assertEquals(next[sender]++, body.getInt(), "each sender's frames arrive in its order");
            long expected = body.getLong();
            Decoder in = new Decoder(body, WireTesting.LOADER);
            byte[] payload = in.readByteArray();
            CRC32 crc = new CRC32();
            crc.update(payload);
            assertEquals(expected, crc.getValue(), "frame " + received + " is intact");
            assertFalse(in.hasRemaining(), "nothing of another frame is inside this one");
        }
        for (Future<?> f : sending) {
            f.get();
        }
    }

    @Test
    void aCleanCloseBetweenFramesIsMinusOne() throws Exception {
        a.send(WireTesting.frame((byte) 9, body(new byte[] {7})));
        a.close();
        assertEquals(9, b.receive());
        assertEquals(-1, b.receive());
    }

    @Test
    void aCloseInsideTheBodyIsEOF() throws Exception {
        a.writeRaw(new byte[] {0, 0, 0, 100, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        a.close();
        assertThrows(EOFException.class, b::receive);
    }

    @Test
    void aCloseInsideTheHeaderIsEOF() throws Exception {
        a.writeRaw(new byte[] {0, 0});
        a.close();
        assertThrows(EOFException.class, b::receive);
    }

    @Test
    void aNegativeLengthIsRefused() throws Exception {
        a.writeRaw(new byte[] {(byte) 0x80, 0, 0, 0, 3});
        assertThrows(IOException.class, b::receive);
    }

    @Test
    void rawBytesForTheHandshake() throws Exception {
        byte[] hello = Handshake.hello(42L, Handshake.newSecret());
        a.writeRaw(hello);
        byte[] received = new byte[Handshake.HELLO_BYTES];
        assertEquals(true, b.readRaw(received));
        assertArrayEquals(hello, received);
        a.close();
        assertEquals(false, b.readRaw(new byte[4]));
    }

    @Test
    void theBodyBufferShrinksAfterAHugeFrame() throws Exception {
        Future<?> sending = threads.submit(() -> {
            a.send(WireTesting.frame((byte) 1, body(new byte[6 << 20])));
            a.send(WireTesting.frame((byte) 2, body(new byte[] {42})));
            return null;
        });
        assertEquals(1, b.receive());
        assertEquals(6 << 20, b.body().remaining());
        assertEquals(2, b.receive());
        assertArrayEquals(new byte[] {42}, remaining(b.body()));
        assertEquals(4096, b.body().capacity());
        sending.get();
    }
}
