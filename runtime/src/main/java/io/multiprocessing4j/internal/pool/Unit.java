package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.internal.wire.TaskCodec;
import io.multiprocessing4j.internal.wire.TaskWriter;
import io.multiprocessing4j.internal.wire.TasksFrame;
import io.multiprocessing4j.internal.wire.WireException;

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
 * <p>{@link #state}, {@link #worker} and {@link #stealing} are guarded by the pool's lock. The
 * decoded tasks are cached under the unit's own monitor, as readers ask for them outside the
 * pool's lock.
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
    final TasksFrame frame;
    final ClassLoader loader;

    State state = State.QUEUED;
    /** The worker the unit was last sent to, while it is {@link State#SENT}. */
    WorkerHandle worker;
    /** Sent but not started, and asked back so that an idle worker can run it. */
    boolean stealing;
    /** The tasks decoded back from the frame, once something needed them. */
    private TaskCodec.Call[] decoded;

    /**
     * A unit of the {@code count} tasks that {@code tasks} writes, items {@code firstItem} to
     * {@code firstItem + count - 1}, in a frame with room for {@code capacity} bytes before it
     * grows.
     */
    Unit(long id, int count, TaskWriter tasks, int firstItem, ResultSink sink, long timeoutNanos, int capacity) {
        this.id = id;
        this.size = count;
        this.firstItem = firstItem;
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
        this.frame = new TasksFrame(id, timeoutNanos, count, capacity);
        for (int i = 0; i < count; i++) {
            tasks.write(firstItem + i, frame);
        }
        this.loader = frame.firstLoader();
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
        this.frame = new TasksFrame(id, timeoutNanos, calls.length);
        for (TaskCodec.Call call : calls) {
            frame.add(call);
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
        if (from >= size) {
            return null;
        }
        TaskCodec.Call[] rest = new TaskCodec.Call[size - from];
        for (int i = from; i < size; i++) {
            if (calls[i] == null || calls[i].undecodable != null) {
                return null;
            }
            rest[i - from] = calls[i];
        }
        return new Unit(newId, rest, firstItem + from, sink, timeoutNanos, loader);
    }

    /**
     * Task {@code index} as it would be written in Java, for messages: {@code Doubler.square(3)};
     * an argument that cannot be decoded here shows as {@code null}, the task is still named.
     */
    String describe(int index) {
        TaskCodec.Call call = calls()[index];
        return call == null ? "task " + (index + 1) + " of " + size + " in unit " + id : call.describe();
    }

    /** The tasks decoded from the frame, each {@code null} where not even its target can be read. */
    private synchronized TaskCodec.Call[] calls() {
        if (decoded == null) {
            TaskCodec.Call[] calls = new TaskCodec.Call[size];
            TasksFrame.Tasks tasks = frame.tasks(loader);
            for (int i = 0; i < size; i++) {
                try {
                    calls[i] = tasks.next();
                } catch (WireException e) {
                    break;
                }
            }
            decoded = calls;
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
