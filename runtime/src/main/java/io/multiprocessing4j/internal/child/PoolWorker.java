package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.ProcessTree;
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
 * order, and sends back each unit's results.
 *
 * <p>Two threads share two roles, reading the connection and running units. The thread that
 * reads a unit runs it itself when nothing else is running, and the other thread takes over the
 * reading: a task sent to an idle worker starts on the thread the network woke, without waking a
 * second one first, while the connection is always being read, so a cancellation or the parent's
 * death is noticed even during a long task.
 *
 * <p>The parent keeps a small number of units in flight per worker so the worker never waits for
 * a round trip. A unit that the parent cancels is dropped if it has not started; if it is running,
 * the worker halts, because a running Java method cannot be stopped any other way. A task with a
 * time limit is watched by {@link Watchdog}, which reports the overrun and halts the worker.
 */
final class PoolWorker {

    /** The exit code of a worker that halted to stop a cancelled task. */
    static final int CANCELLED_EXIT_CODE = 2;

    private final FrameChannel parent;
    private final String name;
    private final Dispatchers dispatchers;
    private final ClassLoader loader;
    private final Watchdog watchdog;

    /** Guards the fields below. */
    private final Object lock = new Object();
    /** Units received and not yet started, in order. */
    private final ArrayDeque<Unit> queue = new ArrayDeque<>();
    /** The id of the unit being run, or -1 between units (its results may still be on their way). */
    private long running = -1;
    /** A thread is running units (or the initializer); units run one at a time, in order. */
    private boolean executing = true;
    /** A thread is reading the connection; only one may. */
    private boolean reading;
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
        Thread second = new Thread(new Runnable() {
            @Override
            public void run() {
                worker.serve();
            }
        }, "multiprocessing4j-worker");
        second.setDaemon(true);
        second.start();
        worker.initialize(initializer);
        synchronized (worker.lock) {
            worker.executing = false;
            worker.lock.notifyAll();
        }
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

    /**
     * The loop both threads run: run the next unit if nothing runs, else read if nobody reads,
     * else wait. Ends when the JVM does.
     */
    private void serve() {
        while (true) {
            Unit unit = null;
            boolean stop = false;
            synchronized (lock) {
                while (true) {
                    if (!executing && !queue.isEmpty()) {
                        unit = queue.poll();
                        running = unit.id;
                        executing = true;
                        break;
                    }
                    if (!executing && shutdown) {
                        stop = true;
                        break;
                    }
                    if (!reading) {
                        reading = true;
                        break;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // only the parent decides when a worker stops
                    }
                }
            }
            if (stop) {
                System.exit(0);
            } else if (unit != null) {
                Encoder results = runUnit(unit);
                synchronized (lock) {
                    running = -1;
                }
                send(FrameType.RESULTS, results);
                synchronized (lock) {
                    executing = false;
                    lock.notifyAll();
                }
            } else if (!readOneFrame()) {
                return;
            }
        }
    }

    /**
     * Reads and handles one frame. When the connection ends, the parent is gone and this JVM
     * exits, unless it is exiting already.
     *
     * @return false if this thread is done
     */
    private boolean readOneFrame() {
        int type;
        try {
            type = parent.receive();
        } catch (IOException e) {
            type = -1;
        }
        if (type < 0) {
            if (!ParentWatch.isExiting()) {
                ParentWatch.exitAsOrphan();
            }
            return false;
        }
        Unit unit = type == FrameType.TASKS ? Unit.of(parent.takeBody()) : null;
        ByteBuffer body = parent.body();
        if (type == FrameType.CANCEL) {
            long unitId = body.getLong();
            cancel(unitId, body.get() != 0);
        }
        synchronized (lock) {
            if (unit != null) {
                queue.add(unit);
            } else if (type == FrameType.SHUTDOWN) {
                shutdown = true;
            }
            reading = false;
            lock.notifyAll();
        }
        return true;
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

    private void cancel(long unitId, boolean haltIfRunning) {
        Unit dropped = null;
        synchronized (lock) {
            if (running == unitId) {
                if (haltIfRunning) {
                    Encoder out = new Encoder();
                    out.writeLong(unitId);
                    out.writeInt(1);
                    out.writeByte(ResultStatus.CANCELLED_WHILE_RUNNING);
                    send(FrameType.RESULTS, out);
                    ProcessTree.killDescendants(); // the task's own processes die with it
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
            // the parent is gone; the reading thread is already taking this JVM down
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
