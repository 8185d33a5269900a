package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.wire.FrameChannel;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The parent's end of one child's connection, as the two streams its {@link FrameChannel} reads
 * and writes: a non-blocking {@link SocketChannel} that never leaves non-blocking mode, and a
 * selector of its own to wait in.
 *
 * <p>Why not blocking mode: the {@link ParentEndpoint} accepts and authenticates connections with
 * a selector, so they are channels, and a channel in blocking mode is an
 * {@link java.nio.channels.InterruptibleChannel}: any thread interrupted while it reads or writes
 * the channel closes it. Here that thread would often be the user's (an {@code apply} from a
 * task that an executor is cancelling, or one whose interrupt status is merely still set), and
 * the child would lose its parent and die. Non-blocking reads and writes never close a channel,
 * so the waiting is done here instead:
 *
 * <ul>
 *   <li>The reader, the child's reader thread, waits in {@link #readable}. If that thread is
 *       interrupted, which only happens when the application is being torn down, the read throws
 *       {@link InterruptedIOException} and the caller decides; the connection stays open.
 *   <li>A writer whose bytes do not fit in the socket's buffer waits in {@link #writable}, created
 *       on first need. An interrupt does not stop the write, as it would not stop a write to a
 *       plain {@link java.net.Socket}; the interrupt status is restored when the write is done.
 * </ul>
 *
 * <p>Each read or write moves at most {@value #MAX_TRANSFER} bytes, the limit the JDK's plain
 * sockets use too, so that the temporary direct buffer the JDK keeps per thread for channel I/O
 * stays small on every thread that sends.
 *
 * <p>Thread-safety: one thread reads ({@link FrameChannel} has one reader); writers are
 * serialized by the frame channel's write lock; {@link #close()} may be called from any thread.
 * This object's monitor guards {@link #writable} and {@link #closed}; nothing else is held while
 * it is.
 */
final class ChildConnection implements Closeable {

    private static final int MAX_TRANSFER = 128 * 1024;
    /** Readiness is all a wait needs; keys passed to an action skip the selected-key set. */
    private static final Consumer<SelectionKey> READY = key -> { };

    private final SocketChannel channel;
    private final Selector readable;
    private Selector writable;
    private boolean closed;

    private ChildConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, FrameChannel.SOCKET_BUFFER);
        this.readable = Selector.open();
        try {
            channel.register(readable, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            readable.close();
            throw e;
        }
    }

    /**
     * Frames over an authenticated connection from the endpoint.
     *
     * @throws IOException if the connection is already closed, or no selector can be opened
     */
    static FrameChannel frameChannel(SocketChannel channel) throws IOException {
        ChildConnection connection = new ChildConnection(channel);
        return new FrameChannel(connection.new Input(), connection.new Output(), connection);
    }

    /** Closes the connection; a thread blocked reading or writing fails at once. */
    @Override
    public void close() throws IOException {
        Selector writer;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            writer = writable;
        }
        try {
            channel.close();
        } finally {
            // Closing a selector also releases the channel's registration with it, without which
            // the socket would not really close and the child would not see the end of it.
            readable.close();
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** Waits until the channel may be read; throws if this thread was interrupted meanwhile. */
    private void awaitReadable() throws IOException {
        try {
            readable.select(READY);
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
        if (Thread.interrupted()) {
            throw new InterruptedIOException("the thread reading from the child was interrupted");
        }
    }

    /** Waits until the channel may be written; returns whether this thread was interrupted meanwhile. */
    private boolean awaitWritable() throws IOException {
        Selector selector;
        synchronized (this) {
            if (closed) {
                throw new AsynchronousCloseException();
            }
            if (writable == null) {
                writable = Selector.open();
                channel.register(writable, SelectionKey.OP_WRITE);
            }
            selector = writable;
        }
        try {
            selector.select(READY);
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
        return Thread.interrupted();
    }

    /** What the child sends. */
    private final class Input extends InputStream {
        /**
         * The last read took less than it could: the socket was emptied, so the next read waits
         * for the selector first rather than asking the socket for nothing (a frame of a small
         * task then costs the reader two system calls, not three). Only the reader touches it.
         */
        private boolean drained;

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(into, offset, Math.min(length, MAX_TRANSFER));
            if (drained) {
                awaitReadable();
            }
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    drained = buffer.hasRemaining();
                    return n;
                }
                awaitReadable();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** What the parent sends. */
    private final class Output extends OutputStream {
        @Override
        public void write(byte[] from, int offset, int length) throws IOException {
            boolean interrupted = false;
            try {
                int end = offset + length;
                while (offset < end) {
                    int n = channel.write(ByteBuffer.wrap(from, offset, Math.min(end - offset, MAX_TRANSFER)));
                    if (n == 0) {
                        interrupted |= awaitWritable();
                    }
                    offset += n;
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
