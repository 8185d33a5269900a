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

    Unit(long id, Object[] tasks, int firstItem, ResultSink sink, long timeoutNanos, TaskAdapter adapter) {
        this.id = id;
        this.tasks = tasks;
        this.firstItem = firstItem;
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
        this.loader = adapter.classLoader(tasks[0]);
        this.frame = new Encoder(32 + tasks.length * 24);
        UnitCodec.writeUnitHeader(frame, id, timeoutNanos, tasks.length);
        for (Object task : tasks) {
            adapter.encode(frame, task);
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
