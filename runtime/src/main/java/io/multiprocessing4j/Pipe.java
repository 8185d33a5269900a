package io.multiprocessing4j;

import io.multiprocessing4j.internal.channel.PipeEnd;
import io.multiprocessing4j.internal.channel.PipeState;
import io.multiprocessing4j.internal.shm.Segment;

/**
 * A duplex pipe between processes: Python's {@code multiprocessing.Pipe()}, whose two ends,
 * {@link #left()} and {@link #right()}, are {@link Connection}s: what one sends, the other
 * receives. Create it in any process, keep one end and pass the other to a {@code @Worker} or
 * {@code @PoolTask} method (or put it on a queue, send it through another pipe): the end belongs
 * to the process that receives it, and its closing, or that process's end, is seen at the other
 * end as {@link ConnectionClosedException} after the last message, never as a hang. See
 * {@link Connection} for what an end guarantees.
 *
 * <pre>{@code
 * @Worker
 * static void child(Connection<String> conn) {
 *     conn.send("hello");
 *     conn.close();
 * }
 *
 * Pipe<String> pipe = Pipe.create();
 * FooWorkers.child(pipe.right()).start();
 * System.out.println(pipe.left().recv());   // hello
 * }</pre>
 *
 * <p>A {@code Pipe} itself may be passed too: both its ends then belong to the receiver.
 *
 * <p><b>Costs.</b> The pipe takes a page of the program's shared memory until the program ends;
 * each direction's buffer (64 KiB to start, in a file of its own) is made when it is first used,
 * grows with what is sent and not yet received, and is deleted once both ends are closed. A
 * blocked receiver uses no CPU.
 *
 * @param <T> what its ends send and receive
 */
public final class Pipe<T> {

    private final PipeState state;
    private final Connection<T> left;
    private final Connection<T> right;

    private Pipe(PipeState state) {
        this.state = state;
        this.left = new PipeConnection<>(state.end(0));
        this.right = new PipeConnection<>(state.end(1));
    }

    /**
     * A new pipe, both ends owned by this process.
     *
     * @param <T> what its ends send and receive
     * @return the pipe
     * @throws java.io.UncheckedIOException if its shared memory cannot be created (the message
     *     says where, and how to choose another place)
     */
    public static <T> Pipe<T> create() {
        return new Pipe<>(PipeState.create());
    }

    /** A pipe whose handle arrived: both its ends now belong to this process. */
    static Pipe<?> open(String name) {
        Pipe<?> pipe = new Pipe<>(PipeState.open(name));
        pipe.end(0).claim();
        pipe.end(1).claim();
        return pipe;
    }

    /** One end of a pipe whose handle arrived, which now belongs to this process. */
    static Connection<?> openEnd(String name, int index) {
        PipeEnd end = PipeState.open(name).end(index);
        end.claim();
        return new PipeConnection<>(end);
    }

    /**
     * The left end: Python's first {@code Connection} of {@code Pipe()}.
     *
     * @return the same object at every call
     */
    public Connection<T> left() {
        return left;
    }

    /**
     * The right end: Python's second {@code Connection} of {@code Pipe()}.
     *
     * @return the same object at every call
     */
    public Connection<T> right() {
        return right;
    }

    PipeEnd end(int index) {
        return ((PipeConnection<T>) (index == 0 ? left : right)).end;
    }

    Segment segment() {
        return state.segment();
    }

    /** Whether {@code other} is the same pipe. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Pipe && ((Pipe<?>) other).segment().name().equals(segment().name());
    }

    @Override
    public int hashCode() {
        return segment().name().hashCode();
    }

    /** {@code Pipe[Connection[left, ...], Connection[right, ...]]}. */
    @Override
    public String toString() {
        return "Pipe[" + left + ", " + right + "]";
    }
}
