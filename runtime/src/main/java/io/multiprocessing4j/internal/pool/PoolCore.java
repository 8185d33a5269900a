package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.ReplacementReason;
import io.multiprocessing4j.WorkerDiedException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.Scheduler;
import io.multiprocessing4j.internal.TaskText;
import io.multiprocessing4j.internal.shm.UnitLog;
import io.multiprocessing4j.internal.wire.CancelFrame;
import io.multiprocessing4j.internal.wire.EncodedTask;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ReadyFrame;
import io.multiprocessing4j.internal.wire.ResultsFrame;
import io.multiprocessing4j.internal.wire.ShutdownFrame;
import io.multiprocessing4j.internal.wire.TaskCall;
import io.multiprocessing4j.internal.wire.TasksFrame;
import io.multiprocessing4j.internal.wire.TaskWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The core of {@code Pool}: the queue of units, the workers, the pool's state and its lock, and
 * the rules that move units between workers. It decides; {@link Outcomes} turns what a worker
 * sent into results and exceptions, and {@link WorkerSupply} starts and names the workers.
 *
 * <ul>
 *   <li><b>Dispatch.</b> A unit goes to the ready worker holding the fewest; each worker holds at
 *       most {@value #MAX_IN_FLIGHT}, so it starts its next unit without waiting for a round trip.
 *       When the queue is empty and a worker is idle while another holds a unit it has not
 *       started, the idle one steals it back (the holder drops it unstarted, or runs it if it
 *       already began): a long task never keeps a short one waiting while a worker idles.
 *   <li><b>Ownership.</b> A unit sent to a worker is that worker's until it answers, dies, or
 *       says it halts; a frame about a unit counts only from its owner (see {@link #ownedBy}).
 *   <li><b>Death.</b> When a worker dies, the unit it was running fails with
 *       {@link WorkerDiedException} (exit code or signal, and its last words on stderr); units it
 *       held but had not started go back to the front of the queue; a replacement starts, unless
 *       the supply has given up (see {@link WorkerSupply}): then the queued work fails.
 *   <li><b>Time limits.</b> A worker enforces each task's limit itself and halts when it is
 *       passed; the parent keeps a looser deadline per unit and kills the worker if even that
 *       passes, and kills a worker that said it halts but has not exited within a grace.
 *   <li><b>Cancellation.</b> A queued unit is dropped; a sent one is dropped by its worker if it
 *       has not started, and, when asked to, the worker halts if it has.
 * </ul>
 *
 * <p>The pool's state: {@code RUNNING -> CLOSING -> CLOSED}, or from any of them
 * {@code -> TERMINATED}. {@code CLOSING} takes no new work and finishes what was submitted;
 * {@code CLOSED} has finished it and stopped its workers; {@code TERMINATED} cancelled what was
 * left and killed its workers.
 *
 * <p>{@link #lock} guards the scheduling state; see the package documentation for what else is
 * read without it, and the lock order. Frames are written and results are delivered outside it:
 * delivery completes futures, which runs user code.
 */
public final class PoolCore {

    /** A time limit that means: the pool's own. A limit given per call is positive. */
    public static final long DEFAULT_TIMEOUT = 0;

    /**
     * Units a worker holds at once: enough that it never waits for a round trip between small
     * ones; stealing keeps a long one from holding up the rest.
     */
    static final int MAX_IN_FLIGHT = 16;
    /** The smallest {@link #unitBytesHint}: a frame's header and a small task. */
    private static final int MIN_UNIT_BYTES_HINT = 64;
    /**
     * The largest {@link #unitBytesHint}: after a task of large arguments, small ones do not
     * each reserve as much (a queued unit keeps its buffer until it completes).
     */
    private static final int MAX_UNIT_BYTES_HINT = 4096;
    /** Room beyond the last unit's size, for an argument a few bytes longer than the last one. */
    private static final int UNIT_BYTES_SLACK = 16;
    /** How long past a unit's own deadline the parent waits before killing its worker. */
    private static final long BACKSTOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * How long a worker that said it halts (for a time limit or a cancel) has to exit before the
     * parent kills it: halting takes milliseconds when it can happen at all.
     */
    static final long EXIT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(
            Long.getLong("multiprocessing4j.haltGraceMillis", 1000));

    /**
     * A worker out of memory is in an unknown state (any thread may have died half-way), so it
     * exits at once and its task fails with {@link WorkerDiedException}, as any other death. The
     * user's own options come after and may turn this off.
     */
    private static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    private enum State { RUNNING, CLOSING, CLOSED, TERMINATED }

    /** What a pool is built from. */
    public static final class Config {
        final int processes;
        final TaskCall initializer;
        /** The initializer, encoded once for every worker; {@code null} if there is none. */
        final EncodedTask encodedInitializer;
        final int maxTasksPerChild;
        final long timeoutNanos;
        final List<String> jvmOptions;
        /** Resident bytes past which a worker is recycled after its task; 0 for no limit. */
        long maxMemoryPerChild;
        /** The whole pool's progress, if someone listens; else {@code null}. */
        ProgressRelay progress;
        /** Whether each line a worker prints is written after its name. */
        boolean prefixOutput;

        /**
         * @param initializer a task run once in each worker, or {@code null}
         * @param maxTasksPerChild units a worker runs before it is replaced, or 0 for no limit
         * @param timeoutNanos the default limit per task, or 0 for none
         * @throws IllegalArgumentException if the initializer's arguments cannot be sent
         */
        public Config(int processes, TaskCall initializer, int maxTasksPerChild, long timeoutNanos,
                List<String> jvmOptions) {
            this.processes = processes;
            this.initializer = initializer;
            this.encodedInitializer = initializer == null ? null : EncodedTask.of(initializer);
            this.maxTasksPerChild = maxTasksPerChild;
            this.timeoutNanos = timeoutNanos;
            List<String> options = new ArrayList<>(jvmOptions.size() + 1);
            options.add(EXIT_ON_OUT_OF_MEMORY);
            options.addAll(jvmOptions);
            this.jvmOptions = List.copyOf(options);
        }

        /**
         * Recycles a worker whose resident memory passed {@code bytes} after a unit; 0 for no limit.
         *
         * @return this config
         * @throws UnsupportedOperationException if {@code bytes} is positive and this system has no
         *     {@code /proc} to read a process's resident memory from
         */
        public Config maxMemoryPerChild(long bytes) {
            if (bytes > 0 && !ResidentMemory.supported()) {
                throw new UnsupportedOperationException("maxMemoryPerChild reads a worker's resident memory from"
                        + " /proc/<pid>/status, which this system (" + System.getProperty("os.name") + ") does not have");
            }
            this.maxMemoryPerChild = bytes;
            return this;
        }

        /**
         * Writes each line a worker prints after the worker's name, {@code [PoolWorker-3] }.
         *
         * @return this config
         */
        public Config prefixOutput(boolean prefix) {
            this.prefixOutput = prefix;
            return this;
        }

        /**
         * Tells {@code progress} of every task submitted and every outcome delivered; {@code null}
         * for none.
         *
         * @return this config
         */
        public Config progress(ProgressRelay progress) {
            this.progress = progress;
            return this;
        }
    }

    /**
     * The pool whose outcomes this thread (a reader, mostly) is delivering, if any: the pool needs
     * this thread to go on, so close, terminate and join must not wait on it. User callbacks do
     * not run here (see {@link Callbacks}); this guards the sinks' own code, which may call back.
     */
    private static final ThreadLocal<PoolCore> DELIVERING = new ThreadLocal<>();

    final Object lock = new Object();
    private final Config config;
    private final WorkerSupply supply;
    /** The initializer as written in Java, for messages; {@code null} if there is none. */
    private final String initializerText;
    private final UnitQueue queue = new UnitQueue();
    /** The pool's log and its running counts; see {@link #stats()}. */
    private final PoolEvents events = new PoolEvents();
    /** Where the futures a user holds are completed, off the pool's own threads. */
    private final Callbacks callbacks = new Callbacks();
    private final List<WorkerHandle> workers = new ArrayList<>();
    /**
     * Units sent to a worker and not yet completed, by id; read without the lock to find a frame's
     * unit. Queued units are not in it until they are sent (one that went back to the queue may
     * stay): a map of twenty thousand units would otherwise grow it to twenty thousand entries,
     * resizing it again and again in the submitting thread, when at most
     * {@value #MAX_IN_FLIGHT} per worker can answer.
     */
    private final Map<Long, Unit> live = new ConcurrentHashMap<>();
    /** Workers with frames queued by a reader, to write when that reader runs out of frames. */
    private final Set<WorkerHandle> pendingFlush = new LinkedHashSet<>();
    /**
     * Whether {@link #pendingFlush} may hold workers; written under the lock, read without it, so
     * that a reader with nothing to write does not take the lock after every frame (it would
     * contend with the caller its result just woke, who takes the lock to submit the next task).
     */
    private volatile boolean flushPending;
    private State state = State.RUNNING;
    /** The last unit id handed out; ids are taken outside the lock, before units are encoded. */
    private final AtomicLong unitIds = new AtomicLong();
    /**
     * The size of the last unit of one task encoded, so that the next one (the next
     * {@code apply}, the next task of a map with {@code chunksize} 1) starts with room for it. A
     * hint, read and written without the lock: a stale value only costs a buffer's growth.
     */
    private int unitBytesHint = MIN_UNIT_BYTES_HINT;

    private PoolCore(Config config, WorkerLauncher launcher) {
        this.config = config;
        this.supply = new WorkerSupply(this, launcher, config.jvmOptions, config.encodedInitializer);
        this.initializerText = config.initializer == null ? null
                : TaskText.render(config.initializer.name, config.initializer.arguments);
    }

    /**
     * Starts a pool of worker JVMs: all its workers boot in parallel, and this returns once every
     * one has connected back.
     *
     * @throws ProcessStartException if a worker JVM cannot start; none is left running
     */
    public static PoolCore start(Config config) {
        return start(config, config.prefixOutput ? JvmWorkerLauncher.PREFIXING : JvmWorkerLauncher.INSTANCE);
    }

    /** Starts a pool whose workers {@code launcher} starts. */
    static PoolCore start(Config config, WorkerLauncher launcher) {
        PoolCore pool = new PoolCore(config, launcher);
        pool.supply.startFirst(config.processes);
        return pool;
    }

    /** A worker has connected back. Called by the supply, outside the lock. */
    void admitted(WorkerHandle worker) {
        boolean kill;
        synchronized (lock) {
            if (worker.state == WorkerHandle.State.EXITED) {
                return; // it died at once; its exit has been handled
            }
            workers.add(worker);
            kill = state == State.TERMINATED;
            if (kill) {
                worker.state = WorkerHandle.State.KILLED;
            } else {
                armInitializerDeadline(worker);
            }
        }
        if (kill) {
            worker.kill();
        } else {
            PoolEvents.started(worker.toString());
        }
    }

    /**
     * Gives the worker's initializer the pool's time limit (and the backstop's grace): a worker
     * still starting past it is killed, and the work waiting for a worker fails naming the
     * initializer (see {@link #onExit}). Without a time limit an initializer may take as long as
     * it takes. Under the lock.
     */
    private void armInitializerDeadline(WorkerHandle worker) {
        if (config.timeoutNanos <= 0 || config.initializer == null) {
            return;
        }
        long nanos = config.timeoutNanos > Long.MAX_VALUE - BACKSTOP_GRACE_NANOS ? Long.MAX_VALUE
                : config.timeoutNanos + BACKSTOP_GRACE_NANOS;
        worker.backstop = Scheduler.after(nanos, () -> {
            synchronized (lock) {
                if (worker.state != WorkerHandle.State.STARTING) {
                    return;
                }
                worker.state = WorkerHandle.State.KILLED;
                worker.initializerTimedOut = true;
            }
            worker.kill();
        });
    }

    /** The supply's counters changed: a start failed, or finished. Called outside the lock. */
    void supplyChanged() {
        Batch batch = new Batch();
        synchronized (lock) {
            if (supply.brokenBecause() != null) {
                failQueued(batch);
            }
            ensureWorkers();
            lock.notifyAll();
        }
        batch.run();
    }

    // ---------------------------------------------------------------- submitting

    /** A handle on submitted units, to cancel them. */
    public static final class Submission {
        private final PoolCore pool;
        private final List<Unit> units;

        Submission(PoolCore pool, List<Unit> units) {
            this.pool = pool;
            this.units = units;
        }

        /** Cancels the units that have not completed; see {@link PoolCore}. */
        public void cancel(boolean killIfRunning) {
            pool.cancel(units, killIfRunning);
        }
    }

    /**
     * Submits one unit of {@code count} tasks, numbered from {@code firstItem} for {@code sink}.
     * Each task is built by {@code task} and encoded at once, in this thread, so that a chunk's
     * task objects die young; if one cannot be encoded, nothing is submitted.
     *
     * @param task the task at an index from 0 to {@code count - 1}
     * @param timeoutNanos the limit per task, or {@link #DEFAULT_TIMEOUT} for the pool's
     * @throws IllegalArgumentException if an argument cannot be sent
     * @throws IllegalStateException if the pool is closed or terminated
     */
    public Submission submit(int count, IntFunction<TaskCall> task, int firstItem, ResultSink sink,
            long timeoutNanos) {
        return submitChunks(firstItem, count, count, (i, frame) -> frame.add(task.apply(i - firstItem)), sink,
                timeoutNanos);
    }

    /**
     * Submits one task whose submitter waits for its outcome and cannot stop waiting
     * ({@code Pool.apply}): nobody can change its arguments before the unit is over, so large byte
     * arrays among them are sent from the submitter's arrays without a copy
     * ({@link TasksFrame#holdLargeArrays}).
     */
    public Submission submitAwaited(TaskCall call, ResultSink sink, long timeoutNanos) {
        return submitChunks(0, 1, 1, (i, frame) -> frame.holdLargeArrays().add(call), sink, timeoutNanos);
    }

    /**
     * Submits items {@code firstItem} to {@code firstItem + count - 1} of {@code sink} in units of
     * {@code chunkSize}, all encoded in this thread first and then queued together under one
     * acquisition of the pool's lock: a map of many small chunks does not contend for the lock
     * with the workers' results once per chunk. Each unit's frame starts with room for as many
     * bytes as the last unit of one task took (a hint; see {@link #unitBytesHint}).
     *
     * @param tasks writes the task of an item, by the item's number, into its unit's frame
     * @param timeoutNanos the limit per task, or {@link #DEFAULT_TIMEOUT} for the pool's
     * @throws IllegalArgumentException if an argument cannot be sent; nothing is then submitted
     * @throws IllegalStateException if the pool is closed or terminated
     */
    public Submission submitChunks(int firstItem, int count, int chunkSize, TaskWriter tasks,
            ResultSink sink, long timeoutNanos) {
        if (timeoutNanos == DEFAULT_TIMEOUT) {
            timeoutNanos = config.timeoutNanos;
        }
        int unitCount = (count + chunkSize - 1) / chunkSize;
        long firstId = unitIds.getAndAdd(unitCount) + 1;
        List<Unit> units = new ArrayList<>(unitCount);
        for (int from = firstItem, n = 0; from < firstItem + count; from += chunkSize, n++) {
            int size = Math.min(chunkSize, firstItem + count - from);
            Unit unit = new Unit(firstId + n, size, tasks, from, sink, timeoutNanos, unitBytesHint);
            if (size == 1) {
                unitBytesHint = Math.min(MAX_UNIT_BYTES_HINT, unit.frame.size() + UNIT_BYTES_SLACK);
            }
            units.add(unit);
        }
        Batch batch = new Batch();
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw new IllegalStateException("the pool is " + state.name().toLowerCase()
                        + ": it takes no new work");
            }
            for (Unit unit : units) {
                queue.add(unit);
            }
            if (config.progress != null) {
                config.progress.addToTotal(count);
            }
            if (supply.brokenBecause() != null) {
                failQueued(batch);
            } else {
                dispatch(batch);
            }
        }
        batch.run();
        return new Submission(this, units);
    }

    /** Gives queued units to workers that take work, least loaded first. Under the lock. */
    private void dispatch(Batch batch) {
        while (!queue.isEmpty()) {
            WorkerHandle target = null;
            for (WorkerHandle worker : workers) {
                if (worker.takesWork(MAX_IN_FLIGHT)
                        && (target == null || worker.inFlight.size() < target.inFlight.size())) {
                    target = worker;
                }
            }
            if (target == null) {
                return;
            }
            Unit unit = queue.poll();
            unit.state = Unit.State.SENT;
            unit.worker = target;
            live.put(unit.id, unit);
            target.inFlight.add(unit);
            target.queue(unit.frame);
            target.unitsSent++;
            batch.flush(target);
            if (target.inFlight.size() == 1) {
                armBackstop(target);
            }
            if (config.maxTasksPerChild > 0 && target.unitsSent >= config.maxTasksPerChild) {
                target.state = WorkerHandle.State.RETIRING;
                target.retire(ReplacementReason.MAX_TASKS, "it ran its maxTasksPerChild of "
                        + config.maxTasksPerChild + " units of work");
                ensureWorkers();
            }
        }
        stealForIdleWorkers(batch);
    }

    /**
     * Asks busy workers to give back units they have not started, one for each idle worker that
     * has none coming. Under the lock, with the queue empty.
     */
    private void stealForIdleWorkers(Batch batch) {
        int idle = 0;
        int underway = 0;
        for (WorkerHandle worker : workers) {
            if (worker.takesWork(MAX_IN_FLIGHT) && worker.inFlight.isEmpty()) {
                idle++;
            }
            for (Unit unit : worker.inFlight) {
                if (unit.stealing) {
                    underway++;
                }
            }
        }
        for (WorkerHandle victim : workers) {
            if (underway >= idle) {
                return;
            }
            if (victim.state == WorkerHandle.State.RETIRING) {
                // It runs the units it was sent, then is replaced: maxTasksPerChild is what a
                // worker runs. (A replacement handed a spare JVM is idle at once, and took the
                // last unit of a retiring worker, which was then replaced after fewer.)
                continue;
            }
            Unit last = victim.inFlight.peekLast();
            if (victim.inFlight.size() >= 2 && last.state == Unit.State.SENT && !last.stealing) {
                last.stealing = true;
                underway++;
                victim.queue(new CancelFrame(last.id, false));
                batch.flush(victim);
            }
        }
    }

    // ---------------------------------------------------------------- hearing from workers

    void onReady(WorkerHandle worker, ReadyFrame ready) {
        Batch batch = new Batch();
        synchronized (lock) {
            if (worker.state != WorkerHandle.State.STARTING) {
                return;
            }
            cancelBackstop(worker);
            worker.state = WorkerHandle.State.READY;
            worker.initializerFailure = ready.initializerFailure;
            batch.notice(() -> PoolEvents.ready(worker.toString()));
            if (ready.initializerFailure != null) {
                batch.notice(() -> PoolEvents.initializerFailed(worker.toString(), initializerText,
                        io.multiprocessing4j.internal.wire.ThrowableCodec.describe(ready.initializerFailure)));
            }
            supply.becameReady();
            dispatch(batch);
            retireIfIdle(worker, batch);
        }
        batch.run();
    }

    /** Where the classes of the initializer's exception are looked up. */
    ClassLoader loaderForInitializer() {
        return config.initializer != null ? config.initializer.loader() : PoolCore.class.getClassLoader();
    }

    /**
     * A {@code RESULTS} frame, or a {@code TIMED_OUT} frame (the results of the tasks before the
     * one that overran). Decoded here, on the worker's reader thread, before taking the lock.
     */
    void onResults(WorkerHandle worker, ResultsFrame.Reader frame) {
        Unit unit = live.get(frame.unitId);
        if (unit == null) {
            return; // a frame of an attempt that is over: the unit has completed
        }
        Outcomes outcomes = Outcomes.decode(unit, worker, frame, initializerText, worker.initializerFailure);
        long resident = config.maxMemoryPerChild > 0 ? worker.connection.residentBytes() : -1;
        settle(worker, unit, outcomes, frame.timedOut, frame.count, resident);
    }

    /**
     * A results frame whose body the parent could not even hold: its unit's tasks fail saying
     * so, and how big the message was; the worker goes on.
     *
     * @param header the frame's header, read before the body was skipped
     */
    void onResultsTooLarge(WorkerHandle worker, ResultsFrame.Reader header, long bytes, OutOfMemoryError e) {
        Unit unit = live.get(header.unitId);
        if (unit == null) {
            return;
        }
        settle(worker, unit, Outcomes.tooLarge(unit, worker, header.count, bytes, e), header.timedOut, header.count,
                -1);
    }

    /**
     * Applies the outcomes of one results frame of {@code unit} from {@code worker}, unless the
     * frame belongs to an attempt that is over.
     *
     * @param count the frame's count; in a {@code TIMED_OUT} frame, the index of the task that overran
     * @param resident the worker's resident memory, read after the frame arrived, or -1 if not read
     */
    private void settle(WorkerHandle worker, Unit unit, Outcomes outcomes, boolean timedOut, int count,
            long resident) {
        Batch batch = new Batch(true);
        synchronized (lock) {
            if (!ownedBy(unit, worker)) {
                return; // the worker died, timed out or was requeued from while this frame was decoded
            }
            worker.inFlight.remove(unit);
            cancelBackstop(worker);
            if (outcomes.haltingForCancel) {
                worker.state = WorkerHandle.State.CANCELLING;
                killUnlessExited(worker);
            }
            if (timedOut) {
                worker.state = WorkerHandle.State.TIMED_OUT;
                killUnlessExited(worker);
                if (unit.state == Unit.State.SENT) {
                    outcomes.fail(count, Outcomes.timedOut(worker, unit, count));
                    requeueRest(unit, count + 1, outcomes, "followed a task that timed out in " + unit.worker);
                }
                requeueInFlight(worker);
            }
            boolean stolen = unit.stealing;
            unit.stealing = false;
            if (outcomes.dropped && stolen && unit.state == Unit.State.SENT) {
                unit.state = Unit.State.QUEUED;
                unit.worker = null;
                queue.addFirst(unit);
            } else {
                if (unit.state == Unit.State.SENT) {
                    unit.state = Unit.State.DONE;
                    batch.deliver(outcomes);
                }
                live.remove(unit.id);
            }
            if (!worker.inFlight.isEmpty()) {
                armBackstop(worker);
            }
            if (resident > config.maxMemoryPerChild && config.maxMemoryPerChild > 0
                    && worker.state == WorkerHandle.State.READY) {
                recycleForMemory(worker, unit, resident, batch);
            }
            dispatch(batch);
            retireIfIdle(worker, batch);
            lock.notifyAll();
        }
        batch.run();
    }

    /**
     * Retires {@code worker}, whose resident memory passed {@code maxMemoryPerChild} by the time
     * {@code unit}'s results arrived: it takes no more work, the units it holds and has not
     * started are asked back (it drops them unstarted, or runs the one it has begun), and it is
     * told to stop once it holds none; a replacement starts at once. No task fails for it. Under
     * the lock.
     */
    private void recycleForMemory(WorkerHandle worker, Unit unit, long resident, Batch batch) {
        worker.state = WorkerHandle.State.RETIRING;
        worker.retire(ReplacementReason.MAX_MEMORY, "its resident memory, " + ResidentMemory.describe(resident)
                + " after " + unit + ", passed maxMemoryPerChild of "
                + ResidentMemory.describe(config.maxMemoryPerChild));
        for (Unit held : worker.inFlight) {
            if (held.state == Unit.State.SENT && !held.stealing) {
                held.stealing = true;
                worker.queue(new CancelFrame(held.id, false));
                batch.flush(worker);
            }
        }
        ensureWorkers();
    }

    /**
     * Whether a frame about {@code unit} from {@code worker} is about the unit's current attempt:
     * the unit is still sent to that worker, which has not since said that it halts. Frames of an
     * attempt that is over (a worker that timed out may still finish the task it was halting for)
     * are dropped, so they never complete a unit that now runs elsewhere. Under the lock.
     */
    private static boolean ownedBy(Unit unit, WorkerHandle worker) {
        return unit.worker == worker && worker.state.heard() && worker.inFlight.contains(unit);
    }

    /**
     * Puts the tasks of {@code unit} from index {@code from} on, which never ran, back in front as
     * a unit of their own; if they cannot be decoded again, they fail rather than vanish. Under
     * the lock.
     */
    private void requeueRest(Unit unit, int from, Outcomes outcomes, String because) {
        if (from >= unit.size) {
            return;
        }
        WorkerHandle worker = unit.worker;
        Unit again = unit.rest(from, unitIds.incrementAndGet());
        if (again != null) {
            outcomes.limit(from);
            queue.addFirst(again);
            return;
        }
        for (int i = from; i < unit.size; i++) {
            outcomes.fail(i, new io.multiprocessing4j.TaskFailedException(unit.describe(i) + " was not run: it "
                    + because + ", and could not be sent again",
                    String.valueOf(worker), unit.describe(i), null));
        }
    }

    /** Puts the units a worker held but had not started back at the front of the queue, in order. */
    private void requeueInFlight(WorkerHandle worker) {
        List<Unit> held = new ArrayList<>(worker.inFlight);
        worker.inFlight.clear();
        for (int i = held.size() - 1; i >= 0; i--) {
            Unit unit = held.get(i);
            unit.stealing = false;
            if (unit.state == Unit.State.SENT) {
                unit.state = Unit.State.QUEUED;
                unit.worker = null;
                queue.addFirst(unit);
            } else {
                live.remove(unit.id);
            }
        }
    }

    void onExit(WorkerHandle worker, ExitStatus status) {
        Logged logged = readLog(worker);
        Batch batch = new Batch();
        synchronized (lock) {
            WorkerHandle.State before = worker.state;
            worker.state = WorkerHandle.State.EXITED;
            workers.remove(worker);
            cancelBackstop(worker);
            Unit running = worker.inFlight.poll();
            noticeExit(worker, before, status, running, batch);
            if (running != null && before != WorkerHandle.State.CANCELLING) {
                requeueInFlight(worker);
                if (running.state == Unit.State.SENT) {
                    running.state = Unit.State.DONE;
                    live.remove(running.id);
                    batch.deliver(diedUnder(worker, running, logged != null && logged.unit == running ? logged : null,
                            status));
                } else {
                    live.remove(running.id);
                }
            } else if (running != null) {
                worker.inFlight.addFirst(running);
            }
            requeueInFlight(worker);
            if (before == WorkerHandle.State.STARTING) {
                supply.diedBeforeReady(worker, status);
            } else if (worker.initializerTimedOut) {
                String why = "the pool's initializer " + initializerText + " ran past the time limit of "
                        + Outcomes.describe(java.time.Duration.ofNanos(config.timeoutNanos)) + " in " + worker
                        + ", which was killed";
                supply.initializerTimedOut(why);
                if (!anyWorkerReady()) {
                    failQueued(batch, why);
                }
            }
            if (supply.brokenBecause() != null) {
                failQueued(batch);
            }
            dispatch(batch);
            ensureWorkers();
            finishClosingIfDone();
            lock.notifyAll();
        }
        batch.run();
    }

    /**
     * Counts and logs why {@code worker}, in state {@code before} until now, left the pool; the
     * log record is written after the lock is released. Under the lock.
     */
    private void noticeExit(WorkerHandle worker, WorkerHandle.State before, ExitStatus status, Unit running,
            Batch batch) {
        ReplacementReason reason;
        String detail;
        switch (before) {
            case KILLED:
                if (worker.killedForTimeout != null) {
                    reason = ReplacementReason.TIMED_OUT;
                    detail = worker.killedForTimeout + " ran past its time limit, and the worker did not halt by"
                            + " itself; it was killed";
                } else if (worker.initializerTimedOut) {
                    reason = ReplacementReason.INITIALIZER_TIMED_OUT;
                    detail = "the pool's initializer " + initializerText + " ran past the time limit of "
                            + Outcomes.describe(java.time.Duration.ofNanos(config.timeoutNanos)) + "; it was killed";
                } else {
                    reason = null;
                    detail = "killed, the pool was terminated";
                }
                break;
            case TIMED_OUT:
                reason = ReplacementReason.TIMED_OUT;
                detail = "a task ran past its time limit, and the worker halted (" + status.describe() + ")";
                break;
            case CANCELLING:
                reason = ReplacementReason.CANCELLED;
                detail = "it halted to stop a task cancelled while it ran";
                break;
            case STOPPING:
                reason = worker.retiredFor;
                detail = worker.retiredFor != null ? worker.retiredWhy + "; it exited (" + status.describe() + ")"
                        : "stopped, the pool is closing (" + status.describe() + ")";
                break;
            default: // STARTING, READY, RETIRING: it went on its own
                reason = ReplacementReason.DIED;
                detail = status.describe() + (before == WorkerHandle.State.STARTING ? " before it was ready"
                        : running != null ? " while running " + running : " while idle")
                        + (status.lastWords().isEmpty() ? "" : "; its last words: " + status.lastWords());
                break;
        }
        if (reason != null) {
            events.replaced(reason);
        }
        String name = worker.toString();
        batch.notice(() -> PoolEvents.exited(name, reason, detail));
    }

    /** Logs, once, that the pool has stopped replacing its workers, if it has. Under the lock. */
    private void noticeIfBroken(Batch batch) {
        String why = supply.brokenBecause();
        if (why != null && events.firstBroken()) {
            batch.notice(() -> PoolEvents.broken(why));
        }
    }

    /** What a dead worker logged of a unit: its first {@code count} outcomes, decoded. */
    private static final class Logged {
        final Unit unit;
        final int count;
        final Outcomes outcomes;

        Logged(Unit unit, int count, Outcomes outcomes) {
            this.unit = unit;
            this.count = count;
            this.outcomes = outcomes;
        }
    }

    /**
     * Reads, and decodes, what an exited worker logged of the chunk it was running (see
     * {@code UnitLog}); {@code null} if nothing. Outside the lock: decoding runs user code. The
     * unit it names is checked again under the lock, to be the one the worker was running.
     */
    private Logged readLog(WorkerHandle worker) {
        WorkerLauncher.Connection connection = worker.connection;
        ByteBuffer body = connection == null ? null : UnitLog.takeFor(connection.pid());
        if (body == null) {
            return null;
        }
        ResultsFrame.Reader frame = ResultsFrame.read(FrameType.RESULTS, body);
        Unit unit = live.get(frame.unitId);
        if (unit == null || frame.count < 0 || frame.count > unit.size) {
            return null;
        }
        return new Logged(unit, frame.count, Outcomes.decode(unit, worker, frame, initializerText,
                worker.initializerFailure));
    }

    /**
     * The outcomes of a unit its worker died under: with a log of it, the tasks logged as done
     * are delivered, the next one fails (with {@link WorkerDiedException}, or
     * {@code TaskTimeoutException} if the parent killed the worker for its deadline), and the rest
     * go back to the front of the queue as a unit of their own; without one, every task of the
     * unit fails, as nothing says how far it got. Under the lock, after the worker's other units
     * were requeued, so that the rest runs before them.
     */
    private Outcomes diedUnder(WorkerHandle worker, Unit unit, Logged logged, ExitStatus status) {
        if (logged == null) {
            return Outcomes.allFailed(unit, worker.killedForTimeout == unit
                    ? Outcomes.timedOut(worker, unit, 0)
                    : Outcomes.died(worker, unit, status));
        }
        Outcomes outcomes = logged.outcomes;
        int at = logged.count;
        if (at < unit.size) {
            outcomes.fail(at, worker.killedForTimeout == unit
                    ? Outcomes.timedOut(worker, unit, at)
                    : Outcomes.diedAt(worker, unit, at, status));
            requeueRest(unit, at + 1, outcomes, "followed a task whose worker " + worker + " died");
        }
        return outcomes;
    }

    /** Fails every queued unit because the pool has stopped replacing its workers. Under the lock. */
    private void failQueued(Batch batch) {
        noticeIfBroken(batch);
        failQueued(batch, "the pool has stopped replacing its workers: " + supply.brokenBecause());
    }

    /** Fails every queued unit, saying {@code why} it was not run. Under the lock. */
    private void failQueued(Batch batch, String why) {
        for (Unit unit; (unit = queue.poll()) != null; ) {
            if (unit.state != Unit.State.QUEUED) {
                continue;
            }
            unit.state = Unit.State.DONE;
            live.remove(unit.id);
            batch.deliver(Outcomes.allFailed(unit, Outcomes.notRun(unit, why)));
        }
    }

    private boolean anyWorkerReady() {
        for (WorkerHandle worker : workers) {
            if (worker.state == WorkerHandle.State.READY) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- workers coming and going

    /**
     * Starts workers until the pool has as many as it should, counting those already starting and
     * not those retiring. Under the lock; the starts themselves run on threads of their own.
     */
    private void ensureWorkers() {
        if (supply.brokenBecause() != null) {
            return;
        }
        int wanted = state == State.RUNNING || (state == State.CLOSING && hasWork()) ? config.processes : 0;
        int have = supply.starting();
        for (WorkerHandle worker : workers) {
            if (worker.state.serving()) {
                have++;
            }
        }
        if (have < wanted) {
            supply.replace(wanted - have);
        }
    }

    private boolean hasWork() {
        if (!queue.isEmpty()) {
            return true;
        }
        for (WorkerHandle worker : workers) {
            if (!worker.inFlight.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Sends shutdown to a worker that has nothing left to do and is retiring, or the pool closing. Under the lock. */
    private void retireIfIdle(WorkerHandle worker, Batch batch) {
        boolean shuttingDown = state == State.CLOSING && queue.isEmpty();
        boolean retiring = worker.state == WorkerHandle.State.RETIRING
                || (shuttingDown && worker.state == WorkerHandle.State.READY);
        if (retiring && worker.inFlight.isEmpty()) {
            worker.state = WorkerHandle.State.STOPPING;
            worker.queue(ShutdownFrame.INSTANCE);
            batch.flush(worker);
        }
    }

    // ---------------------------------------------------------------- deadlines

    /** Arms the parent's deadline for the unit the worker is now running. Under the lock. */
    private void armBackstop(WorkerHandle worker) {
        cancelBackstop(worker);
        Unit unit = worker.inFlight.peek();
        if (unit == null || unit.timeoutNanos <= 0) {
            return;
        }
        long nanos;
        try {
            nanos = Math.addExact(Math.multiplyExact(unit.timeoutNanos, (long) unit.size),
                    BACKSTOP_GRACE_NANOS);
        } catch (ArithmeticException e) {
            return;
        }
        worker.backstop = Scheduler.after(nanos, () -> {
            synchronized (lock) {
                if (worker.inFlight.peek() != unit || unit.state != Unit.State.SENT || !worker.state.heard()) {
                    return;
                }
                worker.killedForTimeout = unit;
                worker.state = WorkerHandle.State.KILLED;
            }
            worker.kill();
        });
    }

    /**
     * Kills {@code worker} if it has not exited within {@link #EXIT_GRACE_NANOS}: it said it
     * halts, but a JVM that cannot reach a safepoint (a compiled counted loop) cannot halt. Under
     * the lock.
     */
    private void killUnlessExited(WorkerHandle worker) {
        cancelBackstop(worker);
        worker.backstop = Scheduler.after(EXIT_GRACE_NANOS, () -> {
            synchronized (lock) {
                if (worker.state == WorkerHandle.State.EXITED) {
                    return;
                }
            }
            worker.kill();
        });
    }

    private static void cancelBackstop(WorkerHandle worker) {
        if (worker.backstop != null) {
            worker.backstop.cancel(false);
            worker.backstop = null;
        }
    }

    // ---------------------------------------------------------------- cancelling and stopping

    void cancel(List<Unit> units, boolean killIfRunning) {
        Batch batch = new Batch();
        synchronized (lock) {
            for (Unit unit : units) {
                if (unit.state == Unit.State.QUEUED) {
                    queue.remove(unit);
                    unit.state = Unit.State.CANCELLED;
                    live.remove(unit.id);
                    leftUndelivered(unit);
                } else if (unit.state == Unit.State.SENT) {
                    unit.state = Unit.State.CANCELLED;
                    leftUndelivered(unit);
                    unit.worker.queue(new CancelFrame(unit.id, killIfRunning));
                    batch.flush(unit.worker);
                }
            }
            lock.notifyAll();
        }
        batch.run();
    }

    /** The figures behind {@code Pool.stats()}, read together. */
    public static final class Figures {
        /** Worker processes connected and not exited. */
        public final int workersAlive;
        /** Tasks in the queue. */
        public final long tasksQueued;
        /** Tasks sent to workers and not answered. */
        public final long tasksRunning;
        /** Tasks that returned, since the start. */
        public final long tasksDone;
        /** Tasks that failed, since the start. */
        public final long tasksFailed;
        /** Workers replaced, by {@link ReplacementReason#ordinal()}. */
        public final long[] replaced;

        Figures(int workersAlive, long tasksQueued, long tasksRunning, long tasksDone, long tasksFailed,
                long[] replaced) {
            this.workersAlive = workersAlive;
            this.tasksQueued = tasksQueued;
            this.tasksRunning = tasksRunning;
            this.tasksDone = tasksDone;
            this.tasksFailed = tasksFailed;
            this.replaced = replaced;
        }
    }

    /**
     * The pool's figures now. Takes the lock briefly: walks the workers' units in flight (at most
     * {@value #MAX_IN_FLIGHT} per worker), never the queue.
     */
    public Figures figures() {
        int alive;
        long queued;
        long running = 0;
        synchronized (lock) {
            alive = workers.size();
            queued = queue.tasks();
            for (WorkerHandle worker : workers) {
                for (Unit unit : worker.inFlight) {
                    if (unit.state == Unit.State.SENT) {
                        running += unit.size;
                    }
                }
            }
        }
        return new Figures(alive, queued, running, events.tasksDone(), events.tasksFailed(), events.replacedByReason());
    }

    /** {@code unit} was cancelled before its outcomes were delivered: it leaves the pool's progress. */
    private void leftUndelivered(Unit unit) {
        if (config.progress != null) {
            config.progress.addToTotal(-unit.size);
        }
    }

    /**
     * Where to complete a future a user holds (an {@code AsyncResult}): on a thread of the pool's
     * callbacks, so that the user's callbacks never run on a thread the pool needs.
     */
    public Callbacks callbacks() {
        return callbacks;
    }

    /** Whether the pool takes new work. */
    public boolean isRunning() {
        synchronized (lock) {
            return state == State.RUNNING;
        }
    }

    /**
     * Takes no new work, waits for the submitted work, then stops the workers and waits for them
     * to exit. Idempotent. Not interruptible; an interrupt is kept for the caller.
     */
    public void close() {
        Batch batch = new Batch();
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSING;
            }
            for (WorkerHandle worker : workers) {
                retireIfIdle(worker, batch);
            }
        }
        batch.run();
        if (DELIVERING.get() == this) {
            return; // delivering this pool's results: the rest happens as the work completes
        }
        synchronized (lock) {
            awaitWhile(() -> state == State.CLOSING && (hasWork() || !workers.isEmpty() || supply.starting() > 0));
            if (state == State.CLOSING) {
                state = State.CLOSED;
            }
        }
        join();
    }

    /**
     * Marks the end of the close once nothing is left, for a close begun from a callback, which
     * did not wait for it. Under the lock.
     */
    private void finishClosingIfDone() {
        if (state == State.CLOSING && !hasWork() && workers.isEmpty() && supply.starting() == 0) {
            state = State.CLOSED;
        }
    }

    /**
     * Stops now: every unit not yet completed is cancelled, every worker killed, and this returns
     * once they have exited. Idempotent.
     */
    public void terminate() {
        Batch batch = new Batch();
        List<WorkerHandle> victims;
        synchronized (lock) {
            state = State.TERMINATED;
            for (Unit unit; (unit = queue.poll()) != null; ) {
                failTerminated(unit, batch);
            }
            for (Unit unit : new ArrayList<>(live.values())) {
                failTerminated(unit, batch);
            }
            victims = new ArrayList<>(workers);
            for (WorkerHandle worker : victims) {
                if (worker.state != WorkerHandle.State.EXITED) {
                    worker.state = WorkerHandle.State.KILLED;
                }
                worker.inFlight.clear();
            }
            lock.notifyAll();
        }
        for (WorkerHandle worker : victims) {
            worker.kill();
        }
        batch.run();
        if (DELIVERING.get() != this) {
            join();
        }
    }

    /** Fails {@code unit}, queued or sent, unless it has completed, as the pool is terminated. Under the lock. */
    private void failTerminated(Unit unit, Batch batch) {
        if (unit.isLive()) {
            unit.state = Unit.State.CANCELLED;
            batch.deliver(Outcomes.allFailed(unit, Outcomes.terminated(unit)));
        }
        live.remove(unit.id);
    }

    /**
     * Waits until every worker has exited and the completions of the futures users hold have run
     * (those behind a callback that calls this are not waited for: they wait for it). Not
     * interruptible; an interrupt is kept for the caller.
     *
     * @throws IllegalStateException if the pool was neither closed nor terminated
     */
    public void join() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                throw new IllegalStateException("join() waits for the workers to exit, which they do only"
                        + " after close() or terminate()");
            }
            if (DELIVERING.get() == this) {
                throw new IllegalStateException("join() was called while this pool's reader thread delivers"
                        + " results, which the workers' exits need: it would wait for itself");
            }
            awaitWhile(() -> !workers.isEmpty() || supply.starting() > 0);
        }
        callbacks.awaitIdle();
    }

    /**
     * Waits on the lock while {@code condition} holds, not interruptibly: an interrupt is kept for
     * the caller to see. Under the lock.
     */
    private void awaitWhile(BooleanSupplier condition) {
        boolean interrupted = false;
        while (condition.getAsBoolean()) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects, under the lock, what to do after it: frames to flush and outcomes to deliver. */
    private final class Batch {
        /** Allocated on first use: most batches carry one delivery and one write, or none. */
        private Set<WorkerHandle> flushes;
        private List<Outcomes> deliveries;
        /** Log records to write once the lock is released. */
        private List<Runnable> notices;
        /** Leave the writes to {@link #flushPending()}: the caller is a reader with more frames. */
        private final boolean deferFlush;

        Batch() {
            this(false);
        }

        Batch(boolean deferFlush) {
            this.deferFlush = deferFlush;
        }

        /** Under the lock: {@code worker} has frames queued. */
        void flush(WorkerHandle worker) {
            if (deferFlush) {
                pendingFlush.add(worker);
                flushPending = true;
                return;
            }
            if (flushes == null) {
                flushes = new LinkedHashSet<>();
            }
            flushes.add(worker);
        }

        /** Under the lock: something to log after it. */
        void notice(Runnable notice) {
            if (notices == null) {
                notices = new ArrayList<>(2);
            }
            notices.add(notice);
        }

        void deliver(Outcomes outcomes) {
            if (deliveries == null) {
                deliveries = new ArrayList<>(2);
            }
            deliveries.add(outcomes);
        }

        void run() {
            if (notices != null) {
                for (Runnable notice : notices) {
                    notice.run();
                }
            }
            if (flushes != null) {
                for (WorkerHandle worker : flushes) {
                    worker.flush();
                }
            }
            if (deliveries != null) {
                PoolCore outer = DELIVERING.get();
                DELIVERING.set(PoolCore.this);
                try {
                    for (Outcomes outcomes : deliveries) {
                        events.delivered(outcomes.count(), outcomes.failedCount());
                        if (config.progress != null) {
                            config.progress.advance(outcomes.count());
                        }
                        outcomes.deliver();
                    }
                } finally {
                    DELIVERING.set(outer);
                }
            }
        }
    }

    /**
     * Writes what readers queued for workers while handling a batch of results: one write per
     * worker per batch rather than one per result. Called by a reader that has no more frames
     * buffered.
     */
    void flushPending() {
        if (!flushPending) {
            return; // a reader that queued frames set it itself, before it came here
        }
        List<WorkerHandle> targets;
        synchronized (lock) {
            flushPending = false;
            if (pendingFlush.isEmpty()) {
                return;
            }
            targets = new ArrayList<>(pendingFlush);
            pendingFlush.clear();
        }
        for (WorkerHandle worker : targets) {
            worker.flush();
        }
    }
}
