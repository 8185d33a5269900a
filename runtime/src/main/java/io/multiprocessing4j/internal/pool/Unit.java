package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.internal.TaskText;
import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.TaskCodec;
import io.multiprocessing4j.internal.wire.UnitCodec;
import io.multiprocessing4j.internal.wire.WireException;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * One unit of work: a task, or a chunk of tasks that one worker runs in a row and answers in one
 * message. Encoded once, in the submitting thread, so that an argument that cannot be sent fails
 * the submission rather than a worker.
 *
 * <p>The unit keeps its encoded frame, not its tasks: a map of a million tasks would otherwise
 * keep a million task objects alive until their chunks complete, and the collector would copy
 * them again and again. The rare paths that need the tasks back (a message about one of them, the
 * rest of a chunk after a timeout) decode them from the frame.
 *
 * <p>State changes happen under the pool's lock.
 */
final class Unit {

    enum State { QUEUED, SENT, DONE, CANCELLED }

    final long id;
    /** How many tasks the unit holds. */
    final int size;
    /** The sink's number for the unit's first task. */
    final int firstItem;
    final ResultSink sink;
    final long timeoutNanos;
    final Encoder frame;
    final ClassLoader loader;

    State state = State.QUEUED;
    WorkerHandle worker;
    /** Sent but not started, and asked back so that an idle worker can run it. */
    boolean stealing;
    /** The tasks decoded back from the frame, once something needed them. */
    private TaskCodec.Call[] decoded;

    /** A unit of the {@code count} tasks that {@code task} builds, each encoded as soon as it is built. */
    Unit(long id, int count, IntFunction<?> task, int firstItem, ResultSink sink, long timeoutNanos,
            TaskAdapter adapter) {
        this.id = id;
        this.size = count;
        this.firstItem = firstItem;
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
        this.frame = new Encoder(64);
        UnitCodec.writeUnitHeader(frame, id, timeoutNanos, count);
        int header = frame.size();
        Object first = task.apply(0);
        this.loader = adapter.classLoader(first);
        adapter.encode(frame, first);
        if (count > 1) {
            // size the buffer once from the first task instead of doubling it many times
            frame.reserve((frame.size() - header) * (count - 1));
        }
        for (int i = 1; i < count; i++) {
            adapter.encode(frame, task.apply(i));
        }
    }

    /** A unit of already decoded calls: the tasks of another unit that never ran. */
    private Unit(long id, TaskCodec.Call[] calls, int firstItem, ResultSink sink, long timeoutNanos,
            ClassLoader loader) {
        this.id = id;
        this.size = calls.length;
        this.firstItem = firstItem;
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
        this.loader = loader;
        this.frame = new Encoder(64);
        UnitCodec.writeUnitHeader(frame, id, timeoutNanos, calls.length);
        for (TaskCodec.Call call : calls) {
            int at = frame.reserveInt();
            TaskCodec.write(frame, call.target.dispatcher, call.target.method, call.target.name, call.arguments);
            frame.putInt(at, frame.size() - at - 4);
        }
    }

    /**
     * The unit's tasks from index {@code from} on, as a new unit with id {@code newId}; for the
     * tasks of a chunk after one that timed out, which never ran.
     *
     * @return the new unit, or {@code null} if there is none left or they cannot be decoded
     */
    Unit rest(int from, long newId) {
        TaskCodec.Call[] calls = calls();
        if (calls == null || from >= size) {
            return null;
        }
        TaskCodec.Call[] rest = new TaskCodec.Call[size - from];
        System.arraycopy(calls, from, rest, 0, rest.length);
        return new Unit(newId, rest, firstItem + from, sink, timeoutNanos, loader);
    }

    /** Task {@code index} as it would be written in Java, for messages: {@code Doubler.square(3)}. */
    String describe(int index) {
        TaskCodec.Call[] calls = calls();
        if (calls == null) {
            return "task " + (index + 1) + " of " + size + " in unit " + id;
        }
        return TaskText.render(calls[index].target.name, calls[index].arguments);
    }

    /** The tasks decoded from the frame, or {@code null} if that fails; decoded once. */
    private TaskCodec.Call[] calls() {
        if (decoded == null) {
            try {
                Decoder in = new Decoder(ByteBuffer.wrap(frame.toByteArray()), loader);
                in.readLong();
                in.readLong();
                TaskCodec.Call[] calls = new TaskCodec.Call[in.readVarInt()];
                for (int i = 0; i < calls.length; i++) {
                    in.readInt();
                    calls[i] = TaskCodec.read(in);
                }
                decoded = calls;
            } catch (WireException e) {
                return null;
            }
        }
        return decoded;
    }

    /** Whether the unit still wants results: not completed and not cancelled. */
    boolean isLive() {
        return state == State.QUEUED || state == State.SENT;
    }

    @Override
    public String toString() {
        return size == 1 ? describe(0) : "a chunk of " + size + " tasks from " + describe(0);
    }
}
