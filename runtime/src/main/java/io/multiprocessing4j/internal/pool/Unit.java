package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.UnitCodec;

/**
 * One unit of work: a task, or a chunk of tasks that one worker runs in a row and answers in one
 * message. Encoded once, in the submitting thread, so that an argument that cannot be sent fails
 * the submission rather than a worker.
 *
 * <p>State changes happen under the pool's lock.
 */
final class Unit {

    enum State { QUEUED, SENT, DONE, CANCELLED }

    final long id;
    final Object[] tasks;
    /** The sink's number for {@code tasks[0]}. */
    final int firstItem;
    final ResultSink sink;
    final long timeoutNanos;
    final Encoder frame;
    final ClassLoader loader;

    State state = State.QUEUED;
    WorkerHandle worker;
    /** Sent but not started, and asked back so that an idle worker can run it. */
    boolean stealing;

    Unit(long id, Object[] tasks, int firstItem, ResultSink sink, long timeoutNanos, TaskAdapter adapter) {
        this.id = id;
        this.tasks = tasks;
        this.firstItem = firstItem;
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
        this.loader = adapter.classLoader(tasks[0]);
        this.frame = new Encoder(64);
        UnitCodec.writeUnitHeader(frame, id, timeoutNanos, tasks.length);
        int header = frame.size();
        for (int i = 0; i < tasks.length; i++) {
            adapter.encode(frame, tasks[i]);
            if (i == 0 && tasks.length > 1) {
                // size the buffer once from the first task instead of doubling it many times
                frame.reserve((frame.size() - header) * (tasks.length - 1));
            }
        }
    }

    /** Whether the unit still wants results: not completed and not cancelled. */
    boolean isLive() {
        return state == State.QUEUED || state == State.SENT;
    }

    @Override
    public String toString() {
        return tasks.length == 1 ? String.valueOf(tasks[0])
                : "a chunk of " + tasks.length + " tasks from " + tasks[0];
    }
}
