package io.multiprocessing4j;

import java.time.Duration;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. What one end
 * sends the other receives, whole and in the order sent; both ends send and receive.
 *
 * <p><b>An end belongs to one process.</b> {@link Pipe#create()} makes both ends in the calling
 * process, which owns them. Pass an end to a {@code @Worker} or {@code @PoolTask} method (or
 * return it from one, put it on a {@link SharedQueue}, send it through a pipe) and it belongs to
 * the process that receives it. From the moment it is sent, the sender's object of it is done
 * with: {@link #close()} on it does nothing (so Python's habit of closing the parent's copy after
 * {@code start()} is harmless) and every other method throws {@link IllegalStateException}; the
 * end comes back to the sender only if it is sent back, and then every object of it there works
 * again. Ownership is a process's, not an object's. So the classic hang of Python's pipes,
 * where the parent waits for ever in {@code recv()} because it forgot to close its own copy of the
 * child's end, cannot happen: when the process that has an end closes it, or ends however it ends
 * (a return, {@code System.exit}, {@code kill -9}), {@link #recv()} at the other end returns what
 * was sent before and then throws {@link ConnectionClosedException}: at once after a
 * {@code close()} or an orderly exit, within about a tenth of a second after a kill. An end in
 * transit belongs to its sender until it arrives: if the sender ends first (it put the end on a
 * queue and exited, say), the end arrives closed; if it never arrives (its receiver died before
 * it started its task), it stays open, and unusable, until the sender ends.
 *
 * <p><b>What travels.</b> {@link #send} takes any value a task argument may be (primitives'
 * boxes, strings, arrays, enums, records, collections, shared objects, {@code Serializable}
 * objects), {@code null} included; {@link #recv()} returns an equal copy, or for a shared object
 * a handle to the same object. {@link #sendBytes} and {@link #recvBytes()} carry raw bytes without
 * encoding. A message sent one way must be received the same way: the other method throws
 * {@link IllegalStateException} and leaves the message for the right one. A send never waits for
 * the receiver: messages wait in shared memory, in a buffer that starts at 64 KiB and grows as
 * needed, up to 1 GiB unreceived at once (Python's {@code send} blocks once 64 KiB are unread,
 * and two processes that send each other large messages deadlock). A message is in the pipe once
 * {@code send} returns, even if the sender is killed the next moment.
 *
 * <p><b>Costs.</b> A send or receive is a short guarded section in shared memory plus the copy of
 * the message. A receiver that finds nothing spins for up to 50 µs while spinning has lately paid
 * (a reply from a process that answers at once arrives in that time; on a machine with more
 * runnable threads than cores it does not, and then it does not spin), then sleeps in the kernel,
 * using no CPU, until a message comes or the other end closes. Measured figures are in the README.
 *
 * <p><b>Interrupts</b> do not end a wait: {@link #recv()}, {@link #recvBytes()} and
 * {@link #poll(Duration)} keep waiting, and the thread's interrupt status is kept for the caller,
 * as with {@link java.util.concurrent.locks.Lock#lock()}. To end a wait, close the end from
 * another thread: the waiter then throws {@link ConnectionClosedException}.
 *
 * <p>Thread-safe: threads of the owning process may send and receive at once; each message is
 * received once, by one of them. Two objects are {@linkplain Object#equals equal} when they are
 * the same end of the same pipe.
 *
 * @param <T> what {@link #send} takes and {@link #recv()} returns
 */
public sealed interface Connection<T> extends AutoCloseable permits PipeConnection {

    /**
     * Sends {@code value} to the other end. Returns once the message is in shared memory; never
     * waits for the receiver.
     *
     * @param value any carriable value, {@code null} included
     * @throws ConnectionClosedException if this end or the other is closed (the other end's
     *     process has ended, say): no one would ever receive it
     * @throws IllegalArgumentException if the value, or something in it, cannot be encoded; the
     *     message names its type and the part that is the problem, and nothing is sent
     * @throws IllegalStateException if this end was sent to another process
     * @throws java.io.UncheckedIOException if the buffer must grow and shared memory is full
     */
    void send(T value);

    /**
     * Receives the next message sent with {@link #send}, waiting as long as it takes.
     *
     * @return the value, decoded
     * @throws ConnectionClosedException if the other end is closed and everything it sent has been
     *     received, or this end is closed (by another thread while this one waited, say)
     * @throws IllegalStateException if the next message was sent with {@link #sendBytes} (it stays
     *     for {@link #recvBytes()}); if this end was sent to another process; or if the value
     *     cannot be decoded in this process (a class this JVM lacks), when the message is dropped
     */
    T recv();

    /**
     * Whether {@link #recv()} or {@link #recvBytes()} would return or throw at once: a message is
     * waiting, or the other end is closed. Never waits.
     *
     * @return whether a message is waiting or the other end is closed
     * @throws ConnectionClosedException if this end is closed
     * @throws IllegalStateException if this end was sent to another process
     */
    boolean poll();

    /**
     * Waits at most {@code timeout} until {@link #poll()} would return true; returns on time.
     *
     * @param timeout the longest to wait; zero or negative does not wait
     * @return whether a message is waiting or the other end is closed
     * @throws ConnectionClosedException if this end is closed
     * @throws IllegalStateException if this end was sent to another process
     * @throws NullPointerException if {@code timeout} is null
     */
    boolean poll(Duration timeout);

    /**
     * Sends {@code bytes} as they are, without encoding: Python's {@code send_bytes}. The array is
     * copied before this returns. As {@link #send}.
     *
     * @param bytes the bytes to send
     * @throws NullPointerException if {@code bytes} is null
     */
    void sendBytes(byte[] bytes);

    /**
     * Sends {@code length} bytes of {@code bytes} from {@code offset}: Python's
     * {@code send_bytes(buf, offset, size)}. As {@link #sendBytes(byte[])}.
     *
     * @param bytes the array that holds them
     * @param offset where they start in it
     * @param length how many to send
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    void sendBytes(byte[] bytes, int offset, int length);

    /**
     * Receives the next message sent with {@link #sendBytes}, waiting as long as it takes; as
     * {@link #recv()}.
     *
     * @return a new array with the bytes sent
     * @throws ConnectionClosedException as {@link #recv()}
     * @throws IllegalStateException if the next message was sent with {@link #send} (it stays for
     *     {@link #recv()}), or this end was sent to another process
     */
    byte[] recvBytes();

    /**
     * Closes this end, if this process owns it: the other end's {@link #recv()} returns what was
     * sent and then throws {@link ConnectionClosedException}, and so does every later call here.
     * Does nothing if the end is closed already, or was sent to another process (whose end it is
     * now). Never throws.
     */
    @Override
    void close();
}
