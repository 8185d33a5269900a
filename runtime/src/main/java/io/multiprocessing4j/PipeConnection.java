package io.multiprocessing4j;

import io.multiprocessing4j.internal.channel.PipeEnd;
import io.multiprocessing4j.internal.shm.Deadline;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Connection} over one end of a pipe in shared memory: argument checks and calls into
 * {@link PipeEnd}.
 *
 * @param <T> what it sends and receives
 */
final class PipeConnection<T> implements Connection<T> {

    final PipeEnd end;

    PipeConnection(PipeEnd end) {
        this.end = end;
    }

    @Override
    public void send(T value) {
        end.sendValue(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T recv() {
        return (T) end.receiveValue();
    }

    @Override
    public boolean poll() {
        return end.poll(0);
    }

    @Override
    public boolean poll(Duration timeout) {
        return end.poll(Deadline.nanos(timeout, "timeout"));
    }

    @Override
    public void sendBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        end.sendBytes(bytes, 0, bytes.length);
    }

    @Override
    public void sendBytes(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        end.sendBytes(bytes, offset, length);
    }

    @Override
    public byte[] recvBytes() {
        return end.receiveBytes();
    }

    @Override
    public void close() {
        end.close();
    }

    /** Whether {@code other} is the same end of the same pipe. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PipeConnection && ((PipeConnection<?>) other).end.index() == end.index()
                && ((PipeConnection<?>) other).end.pipe().segment().name().equals(end.pipe().segment().name());
    }

    @Override
    public int hashCode() {
        return end.pipe().segment().name().hashCode() * 31 + end.index();
    }

    /** {@code Connection[left, open, 2 messages waiting]}, or closed, sent, or elsewhere. */
    @Override
    public String toString() {
        String side = end.index() == 0 ? "left" : "right";
        switch (end.standing()) {
            case OWNED:
                int waiting = end.waiting();
                return "Connection[" + side + ", open, " + waiting + (waiting == 1 ? " message" : " messages")
                        + " waiting]";
            case SENT:
                return "Connection[" + side + ", sent to another process]";
            case ELSEWHERE:
                return "Connection[" + side + ", owned by another process]";
            default:
                return "Connection[" + side + ", closed]";
        }
    }
}
