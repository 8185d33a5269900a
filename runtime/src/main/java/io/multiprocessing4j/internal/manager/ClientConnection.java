package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.EncodedFrame;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One authenticated connection of a client to its server, used by one call at a time. A
 * <em>watched</em> connection's reads wake every {@value #WATCH_MILLIS} ms while no byte comes,
 * so that the thread waiting for the reply to a call that waits on the server notices an interrupt: it then tells the server
 * ({@link FrameType#MANAGER_CANCEL}) and goes on reading the reply, which says whether the call was
 * cancelled or had already succeeded. A plain socket read is not interruptible, and closing the
 * connection instead would lose what the call took (an item, a permit) as it succeeded. Only
 * interruptible calls use watched connections: a socket with a read timeout reads in non-blocking
 * mode, a poll and a read where a plain blocking read is one system call, which the many short
 * calls (a dict's) should not pay. The JDK's socket never leaves non-blocking mode once a timed
 * operation has put it there, so an unwatched connection has never had one
 * ({@link ManagerClient} bounds its opening with a timer instead).
 */
final class ClientConnection implements Closeable {

    static final int WATCH_MILLIS = 50;

    private final FrameChannel channel;
    /** Whether an interrupt cancels the call in progress; touched only by the calling thread. */
    private boolean cancellable;
    private boolean cancelled;

    private final boolean watched;

    ClientConnection(Socket socket, boolean watched) throws IOException {
        this.watched = watched;
        socket.setSoTimeout(watched ? WATCH_MILLIS : 0);
        this.channel = watched ? new FrameChannel(new Watched(socket.getInputStream()), socket.getOutputStream(), socket)
                : new FrameChannel(socket.getInputStream(), socket.getOutputStream(), socket);
    }

    /** Whether an interrupt is noticed while this connection waits for a reply. */
    boolean watched() {
        return watched;
    }

    FrameChannel channel() {
        return channel;
    }

    /** Lets an interrupt of the calling thread cancel the call about to be sent; only on a watched connection. */
    void cancellable() {
        cancellable = true;
        cancelled = false;
    }

    /** Ends the call's watch; says whether an interrupt cancelled it (the interrupt status was cleared). */
    boolean cancelled() {
        boolean was = cancelled;
        cancellable = false;
        cancelled = false;
        return was;
    }

    private void quiet() throws IOException {
        if (cancellable && !cancelled && Thread.interrupted()) {
            cancelled = true;
            channel.send(new EncodedFrame(FrameType.MANAGER_CANCEL, new Encoder()));
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The socket's input, read until something comes, looking up at each timeout. */
    private final class Watched extends InputStream {
        private final InputStream in;

        Watched(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            while (true) {
                try {
                    return in.read();
                } catch (SocketTimeoutException e) {
                    quiet();
                }
            }
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (true) {
                try {
                    return in.read(into, offset, length);
                } catch (SocketTimeoutException e) {
                    quiet();
                }
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
