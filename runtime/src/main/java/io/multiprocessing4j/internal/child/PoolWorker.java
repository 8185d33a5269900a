package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ResultStatus;
import io.multiprocessing4j.internal.wire.TaskCodec;
import io.multiprocessing4j.internal.wire.ThrowableCodec;
import io.multiprocessing4j.internal.wire.UnitCodec;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A pool worker: runs its initializer once, then runs the units of work its parent sends, in
 * order, on the main thread, and sends back each unit's results.
 *
 * <p>The parent keeps a small number of units in flight per worker so the worker never waits for
 * a round trip. A unit that the parent cancels is dropped if it has not started; if it is running,
 * the worker halts, because a running Java method cannot be stopped any other way. A task with a
 * time limit is watched by {@link Watchdog}, which reports the overrun and halts the worker.
 */
final class PoolWorker implements ParentWatch.Handler {

    /** The exit code of a worker that halted to stop a cancelled task. */
    static final int CANCELLED_EXIT_CODE = 2;

    private final FrameChannel parent;
    private final String name;
    private final Dispatchers dispatchers;
    private final ClassLoader loader;
    private final Watchdog watchdog;

    /** Units received and not yet started; guarded by itself, as is {@link #running}. */
    private final ArrayDeque<Unit> queue = new ArrayDeque<>();
    private long running = -1;
    private boolean shutdown;

    private Throwable initializerFailure;

    private PoolWorker(FrameChannel parent, String name, Dispatchers dispatchers, ClassLoader loader) {
        this.parent = parent;
        this.name = name;
        this.dispatchers = dispatchers;
        this.loader = loader;
        this.watchdog = new Watchdog(parent);
    }

    static void run(FrameChannel parent, String name, Decoder in, Dispatchers dispatchers, ClassLoader loader) {
        PoolWorker worker = new PoolWorker(parent, name, dispatchers, loader);
        TaskCodec.Call initializer = null;
        if (in.readBoolean()) {
            in.readInt(); // the task's length prefix; the initializer is the only thing left
            initializer = TaskCodec.read(in);
        }
        ParentWatch.start(parent, worker);
        worker.initialize(initializer);
        worker.serve();
    }

    /** Runs the initializer, if any, then tells the parent that this worker takes work. */
    private void initialize(TaskCodec.Call initializer) {
        if (initializer != null) {
            try {
                dispatchers.get(initializer.target).dispatch(initializer.target.method, initializer.arguments);
            } catch (Throwable thrown) {
                initializerFailure = thrown;
            }
        }
        Encoder body = new Encoder();
        body.writeBoolean(initializerFailure != null);
        if (initializerFailure != null) {
            ThrowableCodec.write(body, initializerFailure);
        }
        send(FrameType.READY, body);
    }

    /** Runs units until told to stop. */
    private void serve() {
        while (true) {
            Unit unit;
            synchronized (queue) {
                while (queue.isEmpty() && !shutdown) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        // only the parent decides when a worker stops
                    }
                }
                if (queue.isEmpty()) {
                    break;
                }
                unit = queue.poll();
                running = unit.id;
            }
            Encoder results = runUnit(unit);
            synchronized (queue) {
                running = -1;
            }
            send(FrameType.RESULTS, results);
        }
        System.exit(0);
    }

    /**
     * Runs a unit's tasks in order, decoding each just before it runs: a chunk of a hundred
     * thousand tasks never exists as a hundred thousand objects, only as its bytes.
     */
    private Encoder runUnit(Unit unit) {
        Encoder out = new Encoder(UnitCodec.RESULTS_HEADER_BYTES + unit.size * 8);
        out.writeLong(unit.id);
        out.writeInt(unit.size);
        Decoder in = unit.tasks(loader);
        for (int i = 0; i < unit.size; i++) {
            if (unit.timeoutNanos > 0) {
                watchdog.arm(unit.id, i, unit.timeoutNanos, out);
            }
            runTask(nextTask(in), out);
            if (unit.timeoutNanos > 0) {
                watchdog.disarm();
            }
            if (i == 0 && unit.size > 1) {
                // size the buffer once from the first result instead of doubling it many times
                out.reserve((out.size() - UnitCodec.RESULTS_HEADER_BYTES) * (unit.size - 1));
            }
        }
        return out;
    }

    /** The next length-prefixed task, or, if it cannot be decoded, the exception that says why. */
    private Object nextTask(Decoder in) {
        int length = in.readInt();
        int end = in.position() + length;
        Object task;
        try {
            task = TaskCodec.read(in);
        } catch (WireException | IllegalStateException e) {
            task = new IllegalArgumentException("the task's arguments cannot be decoded in " + name + ": "
                    + e.getMessage(), e);
        }
        in.position(end);
        return task;
    }

    private void runTask(Object task, Encoder out) {
        if (task instanceof Throwable) {
            out.writeByte(ResultStatus.THREW);
            ThrowableCodec.write(out, (Throwable) task);
            return;
        }
        if (initializerFailure != null) {
            out.writeByte(ResultStatus.INITIALIZER_FAILED);
            return;
        }
        TaskCodec.Call call = (TaskCodec.Call) task;
        Object result;
        try {
            result = dispatchers.get(call.target).dispatch(call.target.method, call.arguments);
        } catch (Throwable thrown) {
            out.writeByte(ResultStatus.THREW);
            ThrowableCodec.write(out, thrown);
            return;
        }
        int mark = out.size();
        try {
            out.writeByte(ResultStatus.RETURNED);
            out.writeValue(result);
        } catch (WireException e) {
            out.truncate(mark);
            out.writeByte(ResultStatus.RESULT_NOT_CARRIABLE);
            out.writeString(e.getMessage());
        }
    }

    /** Runs on the reader thread. */
    @Override
    public void onFrame(int type, ByteBuffer body) {
        if (type == FrameType.TASKS) {
            Unit unit = Unit.of(parent.takeBody());
            synchronized (queue) {
                queue.add(unit);
            }
        } else if (type == FrameType.CANCEL) {
            long unitId = body.getLong();
            cancel(unitId, body.get() != 0);
        } else if (type == FrameType.SHUTDOWN) {
            synchronized (queue) {
                shutdown = true;
                queue.notify();
            }
        }
    }

    /** Wakes the executor once for the whole batch of units that just arrived. */
    @Override
    public void onIdle() {
        synchronized (queue) {
            queue.notify();
        }
    }

    private void cancel(long unitId, boolean haltIfRunning) {
        Unit dropped = null;
        synchronized (queue) {
            if (running == unitId) {
                if (haltIfRunning) {
                    Encoder out = new Encoder();
                    out.writeLong(unitId);
                    out.writeInt(1);
                    out.writeByte(ResultStatus.CANCELLED_WHILE_RUNNING);
                    send(FrameType.RESULTS, out);
                    Runtime.getRuntime().halt(CANCELLED_EXIT_CODE);
                }
                return;
            }
            for (Iterator<Unit> units = queue.iterator(); units.hasNext(); ) {
                Unit unit = units.next();
                if (unit.id == unitId) {
                    units.remove();
                    dropped = unit;
                    break;
                }
            }
        }
        if (dropped != null) {
            Encoder out = new Encoder();
            out.writeLong(dropped.id);
            out.writeInt(dropped.size);
            for (int i = 0; i < dropped.size; i++) {
                out.writeByte(ResultStatus.CANCELLED);
            }
            send(FrameType.RESULTS, out);
        }
    }

    private void send(byte type, Encoder body) {
        try {
            parent.send(type, body);
        } catch (IOException e) {
            // the parent is gone; the parent watch is already taking this JVM down
        }
    }

    /** One unit of work: its id, its per-task time limit, and its tasks, still encoded. */
    private static final class Unit {
        final long id;
        final long timeoutNanos;
        final int size;
        /** The frame's body, taken over from the channel; the length-prefixed tasks start at {@link #start}. */
        final byte[] frame;
        final int start;

        private Unit(long id, long timeoutNanos, int size, byte[] frame, int start) {
            this.id = id;
            this.timeoutNanos = timeoutNanos;
            this.size = size;
            this.frame = frame;
            this.start = start;
        }

        /** The unit a {@code TASKS} frame's body carries; see {@link UnitCodec}. */
        static Unit of(byte[] body) {
            Decoder header = new Decoder(ByteBuffer.wrap(body), null);
            long id = header.readLong();
            long timeoutNanos = header.readLong();
            int size = header.readVarInt();
            return new Unit(id, timeoutNanos, size, body, header.position());
        }

        /** A decoder over the unit's tasks. */
        Decoder tasks(ClassLoader loader) {
            return new Decoder(ByteBuffer.wrap(frame, start, frame.length - start), loader);
        }
    }
}
