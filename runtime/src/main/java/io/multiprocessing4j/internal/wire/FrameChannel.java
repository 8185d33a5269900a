package io.multiprocessing4j.internal.wire;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Length-prefixed frames over a socket: {@code int length, byte type, body}. One thread reads;
 * any number of threads send, one whole frame at a time, each in a single write.
 *
 * <p>The child's end is built on a plain {@link Socket}: its input and output have separate locks
 * (a thread blocked reading never blocks a writer), and it is the cheapest socket for a child JVM
 * to load, which is what matters most at start-up. The parent's end is built on the streams of
 * the channel its endpoint accepted (the second constructor). The read buffer is reused, so a received body is only valid
 * until the next {@link #receive()}.
 */
public final class FrameChannel implements Closeable {

    /** The length and type that precede every body. */
    public static final int HEADER_BYTES = 5;
    private static final int READ_BUFFER = 1 << 16;
    /** Bodies larger than this are read into arrays of their own size. */
    private static final int LARGE_FRAME = 1 << 16;

    private final Closeable connection;
    private final PeekableInput in;
    private final OutputStream out;
    private final byte[] header = new byte[HEADER_BYTES];
    private byte[] body = new byte[4096];
    private ByteBuffer bodyView = ByteBuffer.wrap(body);
    /**
     * A large body that {@link #takeBody()} handed over and its taker gave back
     * ({@link #reuse}), for the next frame of its size: a worker sent the same megabyte-sized
     * argument again reads it into memory that is already mapped, rather than into a fresh
     * array the JVM must zero (and, in a young heap, the kernel map) first.
     */
    private final AtomicReference<byte[]> givenBack = new AtomicReference<>();

    private final Object writeLock = new Object();

    /**
     * The socket buffer size asked for on both ends. A loopback connection otherwise starts with
     * small windows that the kernel only grows as it watches traffic: a pool's first megabyte-sized
     * messages then take several round trips each. The kernel caps the request at its own limit.
     */
    public static final int SOCKET_BUFFER = 4 << 20;

    /** Frames over {@code socket}, which must be connected. */
    public FrameChannel(Socket socket) throws IOException {
        this(configured(socket).getInputStream(), socket.getOutputStream(), socket);
    }

    /**
     * Frames over a connection given as its two streams, for a connection that is not a plain
     * {@link Socket} (the parent's ends are channels: see {@code launch.ChildConnection}).
     * Closing {@code connection} must make a blocked read of {@code in} fail.
     */
    public FrameChannel(InputStream in, OutputStream out, Closeable connection) {
        this.connection = connection;
        this.in = new PeekableInput(in, READ_BUFFER);
        this.out = out;
    }

    private static Socket configured(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSendBufferSize(SOCKET_BUFFER);
        return socket;
    }

    /**
     * Sends one frame whole; concurrent senders never interleave. A frame that is built
     * incrementally must not be written to by another thread meanwhile.
     */
    public void send(Frame frame) throws IOException {
        Encoder body = frame.encode();
        synchronized (writeLock) {
            body.writeFrame(frame.type(), out);
        }
    }

    /**
     * Sends {@code frames[0..count)} in one write, so that a batch of small frames costs one
     * system call and wakes the peer once.
     */
    public void sendAll(Frame[] frames, int count) throws IOException {
        if (count == 1) {
            send(frames[0]);
            return;
        }
        Encoder[] bodies = new Encoder[count];
        int total = 0;
        boolean contiguous = true;
        for (int i = 0; i < count; i++) {
            bodies[i] = frames[i].encode();
            total += bodies[i].frameLength();
            contiguous &= bodies[i].isContiguous();
        }
        if (!contiguous) {
            // a frame that holds large arrays is big enough for its own writes
            synchronized (writeLock) {
                for (int i = 0; i < count; i++) {
                    bodies[i].writeFrame(frames[i].type(), out);
                }
            }
            return;
        }
        byte[] batch = new byte[total];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int length = bodies[i].frameLength();
            System.arraycopy(bodies[i].frame(frames[i].type()), 0, batch, at, length);
            at += length;
        }
        synchronized (writeLock) {
            out.write(batch);
        }
    }

    /**
     * Blocks until the next frame has arrived whole.
     *
     * @return the frame's type, or {@code -1} if the peer closed the connection between frames
     * @throws EOFException if the peer closed the connection inside a frame
     */
    public int receive() throws IOException {
        if (!readFully(header, 0, HEADER_BYTES, true)) {
            return -1;
        }
        int length = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16)
                | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        if (length < 0) {
            throw new IOException("frame length " + length + " is out of range: the stream is corrupt");
        }
        if (length > LARGE_FRAME ? body.length != length : body.length < length || body.length > LARGE_FRAME) {
            // a large body gets an array of exactly its size, which takeBody() can hand over
            byte[] sized = length > LARGE_FRAME ? givenBack.getAndSet(null) : null;
            if (sized == null || sized.length != length) {
                try {
                    sized = new byte[Math.max(length, 4096)];
                } catch (OutOfMemoryError e) {
                    throw skipTooLarge(header[4], length, e);
                }
            }
            body = sized;
            bodyView = ByteBuffer.wrap(body);
        }
        readFully(body, 0, length, false);
        bodyView.clear().limit(length);
        return header[4];
    }

    /**
     * Reads the head of a body this JVM has no memory for into the current buffer, skips the
     * rest, so that the next frame is read from its start, and says so.
     */
    private FrameTooLargeException skipTooLarge(byte type, int length, OutOfMemoryError e) throws IOException {
        int head = Math.min(length, Math.min(body.length, FrameTooLargeException.HEAD_BYTES));
        readFully(body, 0, head, false);
        byte[] headBytes = Arrays.copyOf(body, head);
        for (int left = length - head; left > 0; ) {
            int n = Math.min(left, body.length);
            readFully(body, 0, n, false);
            left -= n;
        }
        return new FrameTooLargeException(type, length, ByteBuffer.wrap(headBytes), e);
    }

    /**
     * Whether more received bytes are already buffered, so that the next {@link #receive()} may
     * not block. Readers use it to act once per batch of frames (one wake-up, one write) rather
     * than once per frame. Costs no system call.
     */
    public boolean hasBuffered() {
        return in.buffered() > 0;
    }

    /**
     * The body of the frame last received, as an array this channel lets go of: a large body is
     * handed over without a copy and the channel reads the next frame into a new buffer.
     *
     * @return an array holding exactly the body
     */
    public byte[] takeBody() {
        int length = bodyView.limit();
        if (length == body.length) {
            byte[] taken = body;
            body = new byte[4096];
            bodyView = ByteBuffer.wrap(body);
            return taken;
        }
        byte[] copy = new byte[length];
        System.arraycopy(body, 0, copy, 0, length);
        return copy;
    }

    /**
     * Gives back a body that {@link #takeBody()} handed over, once nothing refers to it any
     * more, for the next frame of its size to be read into. May be called from any thread; only
     * the last one given back is kept.
     */
    public void reuse(byte[] taken) {
        if (taken.length > LARGE_FRAME) {
            givenBack.set(taken);
        }
    }

    /** The body of the frame last received, positioned at its start. Valid until the next receive. */
    public ByteBuffer body() {
        return bodyView;
    }

    /** Writes raw bytes, outside the framing; for the handshake. */
    public void writeRaw(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            out.write(bytes);
        }
    }

    /**
     * Reads raw bytes until {@code into} is full; for the handshake.
     *
     * @return false if the peer closed the connection before sending anything
     */
    public boolean readRaw(byte[] into) throws IOException {
        return readFully(into, 0, into.length, true);
    }

    private boolean readFully(byte[] into, int offset, int length, boolean mayEndHere) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(into, offset + done, length - done);
            if (n < 0) {
                if (done == 0 && mayEndHere) {
                    return false;
                }
                throw new EOFException("the peer closed the connection inside a frame");
            }
            done += n;
        }
        return true;
    }

    /** A buffered stream that tells how much it holds without asking the socket. */
    private static final class PeekableInput extends BufferedInputStream {
        PeekableInput(InputStream in, int size) {
            super(in, size);
        }

        synchronized int buffered() {
            return count - pos;
        }
    }

    /** Closes the connection; a thread blocked in {@link #receive()} then fails at once. */
    @Override
    public void close() throws IOException {
        connection.close();
    }
}
