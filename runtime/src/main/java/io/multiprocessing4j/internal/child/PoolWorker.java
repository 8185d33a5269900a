package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.ProcessTree;
import io.multiprocessing4j.internal.shm.UnitLog;
import io.multiprocessing4j.internal.wire.CancelFrame;
import io.multiprocessing4j.internal.wire.EncodedTask;
import io.multiprocessing4j.internal.wire.Frame;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ReadyFrame;
import io.multiprocessing4j.internal.wire.ResultsFrame;
import io.multiprocessing4j.internal.wire.RunFrame;
import io.multiprocessing4j.internal.wire.TaskCodec;
import io.multiprocessing4j.internal.wire.TasksFrame;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

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
 * time limit is watched by {@link Watchdog}, which reports the overrun and halts the worker; a
 * task that ends as its limit passes is settled by whichever of the two claims it first (see
 * {@link Watchdog#disarm}), so the parent hears of each task once.
 *
 * <p>A unit of more than one task (a chunk) is answered in one message when it ends, and each
 * task's outcome is also logged to shared memory as it ends ({@link UnitLog}): if the worker dies
 * inside the chunk, the parent delivers what it logged, fails only the task it died under, and
 * runs the rest elsewhere.
 *
 * <p>Whatever a task or its values throw while being decoded, run or encoded, {@code Error}s
 * included, becomes that task's failure and the worker goes on; only an error of the worker's
 * own machinery halts it, which the parent sees as the death of the running task.
 */
final class PoolWorker {

    /** The exit code of a worker that halted to stop a cancelled task. */
    static final int CANCELLED_EXIT_CODE = 2;
    /** The exit code of a worker whose own machinery failed (see {@link #serve}). */
    static final int INTERNAL_ERROR_EXIT_CODE = 4;

    private final FrameChannel parent;
    private final String name;
    private final Dispatchers dispatchers;
    private final ClassLoader loader;
    private final Watchdog watchdog;

    /** Guards the fields below. */
    private final Object lock = new Object();
    /** Units received and not yet started, in order. */
    private final ArrayDeque<TasksFrame> queue = new ArrayDeque<>();
    /** The id of the unit being run, or -1 between units (its results may still be on their way). */
    private long running = -1;
    /** A thread is running units (or the initializer); units run one at a time, in order. */
    private boolean executing = true;
    /** A thread is reading the connection; only one may. */
    private boolean reading;
    private boolean shutdown;

    private Throwable initializerFailure;

    /** Where the running chunk's outcomes are logged as they come; set by the thread creating it. */
    private volatile UnitLog unitLog;
    /** The thread creating {@link #unitLog}, until a unit has waited for it. */
    private volatile Thread unitLogCreator;

    /** The last task's outcome: set by {@link #runTask}, read right after on the same thread. */
    private Object value;
    private Throwable thrown;

    private PoolWorker(FrameChannel parent, String name, Dispatchers dispatchers, ClassLoader loader) {
        this.parent = parent;
        this.name = name;
        this.dispatchers = dispatchers;
        this.loader = loader;
        this.watchdog = new Watchdog(parent);
    }

    static void run(FrameChannel parent, RunFrame run, Dispatchers dispatchers, ClassLoader loader) {
        PoolWorker worker = new PoolWorker(parent, run.name, dispatchers, loader);
        Thread second = new Thread(new Runnable() {
            @Override
            public void run() {
                worker.serve();
            }
        }, "multiprocessing4j-worker");
        second.setDaemon(true);
        second.start();
        worker.initialize(run.task);
        synchronized (worker.lock) {
            worker.executing = false;
            worker.lock.notifyAll();
        }
        worker.serve();
    }

    /** Runs the initializer, if any, then tells the parent that this worker takes work. */
    private void initialize(EncodedTask initializer) {
        if (initializer != null) {
            try {
                TaskCodec.Call call = initializer.decode(loader);
                dispatchers.get(call.target).dispatch(call.target.method, call.arguments);
            } catch (Throwable failure) {
                initializerFailure = failure;
            }
        }
        send(new ReadyFrame(initializerFailure));
        startUnitLog();
    }

    /**
     * The loop both threads run: run the next unit if nothing runs, else read if nobody reads,
     * else wait. Ends when the JVM does. A failure of this loop itself (not of a task) leaves
     * the worker unable to keep its promises, so it halts, and the parent fails the running task.
     */
    private void serve() {
        try {
            serveUntilDone();
        } catch (Throwable failure) {
            try {
                System.err.println("multiprocessing4j: " + name + " failed and halts:");
                failure.printStackTrace();
            } finally {
                Runtime.getRuntime().halt(INTERNAL_ERROR_EXIT_CODE);
            }
        }
    }

    private void serveUntilDone() {
        while (true) {
            TasksFrame unit = null;
            boolean stop = false;
            synchronized (lock) {
                while (true) {
                    if (!executing && !queue.isEmpty()) {
                        unit = queue.poll();
                        running = unit.unitId;
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
                ResultsFrame results = runUnit(unit);
                synchronized (lock) {
                    running = -1;
                }
                send(results);
                // the unit's tasks were decoded into values of their own: its bytes are free
                parent.reuse(unit.receivedBody());
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
        TasksFrame unit = null;
        switch (type) {
            case FrameType.TASKS:
                unit = TasksFrame.read(parent.takeBody());
                break;
            case FrameType.CANCEL:
                cancel(CancelFrame.read(parent.body()));
                break;
            case FrameType.SHUTDOWN:
                break;
            default:
                throw new WireException("unexpected frame type " + type + " from the parent", null);
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
    private ResultsFrame runUnit(TasksFrame unit) {
        ResultsFrame results = ResultsFrame.of(unit.unitId, unit.count);
        if (unit.count == 1) {
            // sent right after its task returns; a chunk's results are logged task by task
            // meanwhile and may be changed by the tasks after it, so they are copied
            results.holdLargeArrays();
        }
        TasksFrame.Tasks tasks = unit.tasks(loader);
        UnitLog log = unit.count > 1 ? unitLog() : null;
        if (log != null) {
            log.begin(unit.unitId);
        }
        int secondStart = 0;
        for (int i = 0; i < unit.count; i++) {
            int taskStart = results.mark();
            Watchdog.Armed armed = unit.timeoutNanos > 0
                    ? watchdog.arm(unit.unitId, i, unit.timeoutNanos, results) : null;
            boolean returned = runTask(tasks);
            if (armed != null && !watchdog.disarm(armed)) {
                awaitHalt(); // the watchdog has reported this task as timed out
            }
            if (returned) {
                results.returned(value);
            } else if (thrown != null) {
                results.threw(thrown);
            } else {
                results.initializerFailed();
            }
            value = null;
            thrown = null;
            if (log != null) {
                log.append(results.encode(), taskStart, results.mark());
            }
            if (i == 0) {
                secondStart = results.mark();
            } else if (i == 1 && unit.count > 2) {
                // Size the buffer once rather than doubling it many times; from the second result,
                // as the first also spells out the name of each class it uses first.
                results.reserve((results.mark() - secondStart) * (unit.count - 2));
            }
        }
        return results;
    }

    /**
     * Creates this worker's {@link UnitLog} on a thread of its own, once the worker is ready: in a
     * fresh JVM that takes tens of milliseconds (mostly loading the file and mapping classes),
     * which would otherwise delay the first chunk; a worker's start does not wait for it either.
     */
    private void startUnitLog() {
        Thread creator = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    unitLog = UnitLog.create();
                } catch (IOException | RuntimeException e) {
                    System.err.println("multiprocessing4j: " + name + " cannot log the chunks it runs (" + e
                            + "): if it dies inside a chunk, the whole chunk fails");
                }
            }
        }, "multiprocessing4j-unit-log");
        creator.setDaemon(true);
        unitLogCreator = creator;
        creator.start();
    }

    /**
     * This worker's {@link UnitLog}, once its creation has ended; {@code null} if it could not be
     * created (said once on stderr), and a death inside a chunk then fails the whole chunk.
     * Called by the thread running units.
     */
    private UnitLog unitLog() {
        Thread creator = unitLogCreator;
        if (creator != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    creator.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            unitLogCreator = null;
        }
        return unitLog;
    }

    /**
     * Decodes and runs the next task, leaving its outcome in {@link #value} or {@link #thrown}.
     *
     * @return true if it returned; false if it threw, or did not run because the initializer
     *     failed ({@link #thrown} is then null)
     */
    private boolean runTask(TasksFrame.Tasks tasks) {
        TaskCodec.Call call;
        try {
            call = tasks.next();
        } catch (WireException e) {
            thrown = new IllegalArgumentException("a task of this unit cannot be decoded in " + name + ": "
                    + e.getMessage(), e);
            return false;
        }
        if (call.undecodable != null) {
            thrown = new IllegalArgumentException("the arguments of " + call.describe() + " cannot be decoded in "
                    + name + ": " + call.undecodable.getMessage(), call.undecodable);
            return false;
        }
        if (initializerFailure != null) {
            return false;
        }
        try {
            value = dispatchers.get(call.target).dispatch(call.target.method, call.arguments);
            return true;
        } catch (Throwable failure) {
            thrown = failure;
            return false;
        }
    }

    /** Waits for the halt the watchdog has begun; this thread must send nothing more. */
    private static void awaitHalt() {
        while (true) {
            LockSupport.park();
        }
    }

    private void cancel(CancelFrame cancel) {
        TasksFrame dropped = null;
        synchronized (lock) {
            if (running == cancel.unitId) {
                if (cancel.haltIfRunning) {
                    ResultsFrame out = ResultsFrame.of(cancel.unitId, 1);
                    out.cancelledWhileRunning();
                    send(out);
                    ProcessTree.killDescendants(); // the task's own processes die with it
                    Runtime.getRuntime().halt(CANCELLED_EXIT_CODE);
                }
                return;
            }
            for (Iterator<TasksFrame> units = queue.iterator(); units.hasNext(); ) {
                TasksFrame unit = units.next();
                if (unit.unitId == cancel.unitId) {
                    units.remove();
                    dropped = unit;
                    break;
                }
            }
        }
        if (dropped != null) {
            ResultsFrame out = ResultsFrame.of(dropped.unitId, dropped.count);
            for (int i = 0; i < dropped.count; i++) {
                out.cancelled();
            }
            send(out);
        }
    }

    private void send(Frame frame) {
        try {
            parent.send(frame);
        } catch (IOException e) {
            // the parent is gone; the reading thread is already taking this JVM down
        }
    }
}
