package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.TaskFailedException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.LiveChildren;
import io.multiprocessing4j.internal.Scheduler;
import io.multiprocessing4j.internal.launch.ChildJvm;
import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ResultStatus;
import io.multiprocessing4j.internal.wire.ThrowableCodec;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The engine behind {@code Pool}: a queue of units, a set of worker JVMs, and the rules that move
 * units between them.
 *
 * <ul>
 *   <li><b>Dispatch.</b> A unit goes to the ready worker holding the fewest; each worker holds at
 *       most {@value #MAX_IN_FLIGHT}, so it starts its next unit without waiting for a round trip.
 *       When the queue is empty and a worker is idle while another holds a unit it has not
 *       started, the idle one steals it back (the holder drops it unstarted, or runs it if it
 *       already began): a long task never keeps a short one waiting while a worker idles.
 *   <li><b>Death.</b> When a worker dies, the unit it was running fails with
 *       {@link WorkerDiedException} (exit code or signal, and its last words on stderr); units it
 *       held but had not started go back to the front of the queue; a replacement starts. A pool
 *       whose workers die before ever becoming ready ({@value #FAILED_STARTS_LIMIT} in a row) stops
 *       replacing them and fails its work, rather than spinning.
 *   <li><b>Time limits.</b> A worker enforces each task's limit itself and halts when it is
 *       passed; the parent keeps a looser deadline per unit and kills the worker if even that
 *       passes.
 *   <li><b>Cancellation.</b> A queued unit is dropped; a sent one is dropped by its worker if it
 *       has not started, and, when asked to, the worker halts if it has.
 * </ul>
 *
 * <p>One lock guards all state. Frames are written and results are delivered outside it:
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
    /** Workers that die before becoming ready, in a row, before the pool gives up. */
    static final int FAILED_STARTS_LIMIT = 3;
    /** How long past a unit's own deadline the parent waits before killing its worker. */
    private static final long BACKSTOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

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
        final Object initializer;
        final int maxTasksPerChild;
        final long timeoutNanos;
        final List<String> jvmOptions;
        final TaskAdapter adapter;

        /**
         * @param initializer a task run once in each worker, or {@code null}
         * @param maxTasksPerChild units a worker runs before it is replaced, or 0 for no limit
         * @param timeoutNanos the default limit per task, or 0 for none
         */
        public Config(int processes, Object initializer, int maxTasksPerChild, long timeoutNanos,
                List<String> jvmOptions, TaskAdapter adapter) {
            this.processes = processes;
            this.initializer = initializer;
            this.maxTasksPerChild = maxTasksPerChild;
            this.timeoutNanos = timeoutNanos;
            List<String> options = new ArrayList<>(jvmOptions.size() + 1);
            options.add(EXIT_ON_OUT_OF_MEMORY);
            options.addAll(jvmOptions);
            this.jvmOptions = List.copyOf(options);
            this.adapter = adapter;
        }
    }

    final Object lock = new Object();
    private final Config config;
    private final Encoder initializerFrame;
    private final ArrayDeque<Unit> queue = new ArrayDeque<>();
    private final List<WorkerHandle> workers = new ArrayList<>();
    private final Map<Long, Unit> live = new ConcurrentHashMap<>();
    /** Workers with frames queued by a reader, to write when that reader runs out of frames. */
    private final Set<WorkerHandle> pendingFlush = new LinkedHashSet<>();
    private State state = State.RUNNING;
    private int starting;
    private int failedStarts;
    private int workerNumber;
    private long nextUnitId;
    /** Why the pool stopped replacing workers; set once, then every unit fails with it. */
    private String brokenBecause;

    private PoolCore(Config config) {
        this.config = config;
        this.initializerFrame = new Encoder();
        initializerFrame.writeBoolean(config.initializer != null);
        if (config.initializer != null) {
            config.adapter.encode(initializerFrame, config.initializer);
        }
    }

    /**
     * Starts a pool: all its workers boot in parallel, and this returns once every one has
     * connected back.
     *
     * @throws ProcessStartException if a worker JVM cannot start; none is left running
     * @throws IllegalArgumentException if the initializer's arguments cannot be sent
     */
    public static PoolCore start(Config config) {
        PoolCore pool = new PoolCore(config);
        List<ChildJvm.Spawned> spawned = new ArrayList<>();
        try {
            for (int i = 0; i < config.processes; i++) {
                spawned.add(ChildJvm.spawn(pool.nextWorkerName(), config.jvmOptions, true));
            }
            for (ChildJvm.Spawned child : spawned) {
                pool.admit(child);
            }
        } catch (RuntimeException e) {
            for (ChildJvm.Spawned child : spawned) {
                child.abandon();
            }
            throw e;
        }
        return pool;
    }

    private String nextWorkerName() {
        synchronized (lock) {
            return "PoolWorker-" + ++workerNumber;
        }
    }

    /**
     * Waits for a spawned worker's handshake, takes it into the pool and sends it its identity and
     * initializer. A worker that dies before it was taken in is left to {@link #onExit}.
     *
     * @throws ProcessStartException if the worker did not connect
     */
    private void admit(ChildJvm.Spawned child) {
        WorkerHandle worker = new WorkerHandle(this, child.name());
        ChildJvm jvm = child.await(worker);
        worker.jvm = jvm;
        LiveChildren.add(jvm, jvm, true);
        synchronized (lock) {
            if (!worker.exited) {
                workers.add(worker);
            }
        }
        Encoder run = new Encoder();
        ProcessInfo self = Multiprocessing.currentProcess();
        run.writeLong(jvm.pid());
        run.writeString(jvm.name());
        run.writeString(self.name());
        run.writeLong(self.pid());
        initializerFrame.copyTo(0, initializerFrame.size(), run);
        try {
            jvm.send(FrameType.RUN_WORKER, run);
        } catch (IOException e) {
            // it died at once; its exit is handled like any other
        }
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
    public Submission submit(int count, IntFunction<?> task, int firstItem, ResultSink sink, long timeoutNanos) {
        return submitChunks(firstItem, count, count, i -> task.apply(i - firstItem), sink, timeoutNanos);
    }

    /**
     * Submits items {@code firstItem} to {@code firstItem + count - 1} of {@code sink} in units of
     * {@code chunkSize}, all encoded in this thread first and then queued together, under one
     * acquisition of the pool's lock: a map of many small chunks does not contend for the lock
     * with the workers' results once per chunk.
     *
     * @param task the task of an item, by the item's number
     * @param timeoutNanos the limit per task, or {@link #DEFAULT_TIMEOUT} for the pool's
     * @throws IllegalArgumentException if an argument cannot be sent; nothing is then submitted
     * @throws IllegalStateException if the pool is closed or terminated
     */
    public Submission submitChunks(int firstItem, int count, int chunkSize, IntFunction<?> task, ResultSink sink,
            long timeoutNanos) {
        if (timeoutNanos == DEFAULT_TIMEOUT) {
            timeoutNanos = config.timeoutNanos;
        }
        List<Unit> units = new ArrayList<>((count + chunkSize - 1) / chunkSize);
        for (int from = firstItem; from < firstItem + count; from += chunkSize) {
            int first = from;
            int size = Math.min(chunkSize, firstItem + count - from);
            units.add(new Unit(nextUnitId(), size, i -> task.apply(first + i), first, sink, timeoutNanos,
                    config.adapter));
        }
        Batch batch = new Batch();
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw new IllegalStateException("the pool is " + state.name().toLowerCase()
                        + ": it takes no new work");
            }
            for (Unit unit : units) {
                live.put(unit.id, unit);
                queue.add(unit);
            }
            if (brokenBecause != null) {
                failQueued(batch);
            } else {
                dispatch(batch);
            }
        }
        batch.run();
        return new Submission(this, units);
    }

    private long nextUnitId() {
        synchronized (lock) {
            return ++nextUnitId;
        }
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
            target.inFlight.add(unit);
            target.queue(unit);
            target.unitsSent++;
            batch.flush(target);
            if (target.inFlight.size() == 1) {
                armBackstop(target);
            }
            if (config.maxTasksPerChild > 0 && target.unitsSent >= config.maxTasksPerChild) {
                target.retiring = true;
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
            if (victim.retiring) {
                // It runs the units it was sent, then is replaced: maxTasksPerChild is what a
                // worker runs. (A replacement handed a spare JVM is idle at once, and took the
                // last unit of a retiring worker, which was then replaced after fewer.)
                continue;
            }
            Unit last = victim.inFlight.peekLast();
            if (victim.inFlight.size() >= 2 && last.state == Unit.State.SENT && !last.stealing) {
                last.stealing = true;
                underway++;
                victim.queue(cancelFrame(last, false));
                batch.flush(victim);
            }
        }
    }

    private static Encoder cancelFrame(Unit unit, boolean killIfRunning) {
        Encoder cancel = new Encoder(9);
        cancel.writeLong(unit.id);
        cancel.writeBoolean(killIfRunning);
        return cancel;
    }

    // ---------------------------------------------------------------- hearing from workers

    void onReady(WorkerHandle worker, ByteBuffer body) {
        Throwable initializerFailure = null;
        if (body.get() != 0) {
            initializerFailure = ThrowableCodec.read(new Decoder(body, loaderForInitializer()), loaderForInitializer());
        }
        Batch batch = new Batch();
        synchronized (lock) {
            worker.ready = true;
            worker.initializerFailure = initializerFailure;
            failedStarts = 0;
            if (state == State.TERMINATED) {
                worker.jvm.kill();
                return;
            }
            dispatch(batch);
            retireIfIdle(worker, batch);
        }
        batch.run();
    }

    private ClassLoader loaderForInitializer() {
        return config.initializer != null ? config.adapter.classLoader(config.initializer)
                : PoolCore.class.getClassLoader();
    }

    /**
     * A {@code RESULTS} frame, or a {@code TIMED_OUT} frame (the results of the tasks before the
     * one that overran). Decoded here, on the worker's reader thread, before taking the lock.
     */
    void onResults(WorkerHandle worker, ByteBuffer body, boolean timedOut) {
        long unitId = body.getLong();
        int count = body.getInt();
        Unit unit = live.get(unitId);
        if (unit == null) {
            return;
        }
        Outcomes outcomes = new Outcomes(unit);
        Decoder in = new Decoder(body, unit.loader);
        boolean haltingForCancel = false;
        boolean dropped = false;
        int i = 0;
        try {
            for (; i < count; i++) {
                byte status = in.readByte();
                if (status == ResultStatus.CANCELLED_WHILE_RUNNING) {
                    haltingForCancel = true;
                    break;
                }
                if (status == ResultStatus.CANCELLED) {
                    dropped = true;
                    break;
                }
                decodeOutcome(worker, unit, i, status, in, outcomes);
            }
        } catch (WireException | java.nio.BufferUnderflowException e) {
            outcomes.failUndecoded(worker, i, count, e);
        }
        Batch batch = new Batch(true);
        synchronized (lock) {
            worker.inFlight.remove(unit);
            cancelBackstop(worker);
            if (haltingForCancel) {
                worker.haltingForCancel = true;
                worker.dying = true;
            }
            if (timedOut) {
                worker.dying = true;
                if (unit.state == Unit.State.SENT) {
                    outcomes.fail(count, timeoutError(worker, unit, count));
                    requeueRest(unit, count + 1, worker, outcomes);
                }
                requeueInFlight(worker);
            }
            boolean stolen = unit.stealing;
            unit.stealing = false;
            if (dropped && stolen && unit.state == Unit.State.SENT) {
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
            dispatch(batch);
            retireIfIdle(worker, batch);
            lock.notifyAll();
        }
        batch.run();
    }

    private void decodeOutcome(WorkerHandle worker, Unit unit, int i, byte status, Decoder in, Outcomes outcomes) {
        switch (status) {
            case ResultStatus.RETURNED:
                outcomes.returned(i, in.readValue());
                break;
            case ResultStatus.THREW: {
                Throwable thrown = ThrowableCodec.read(in, unit.loader);
                outcomes.fail(i, new TaskFailedException(unit.describe(i) + " failed in " + worker + ": " + thrown,
                        worker.toString(), unit.describe(i), thrown));
                break;
            }
            case ResultStatus.RESULT_NOT_CARRIABLE:
                outcomes.fail(i, new TaskFailedException(unit.describe(i) + " ran in " + worker + ", but its result"
                        + " cannot be sent back: " + in.readString(), worker.toString(),
                        unit.describe(i), null));
                break;
            case ResultStatus.INITIALIZER_FAILED: {
                Throwable cause = worker.initializerFailure;
                outcomes.fail(i, new TaskFailedException(unit.describe(i) + " was not run: the pool's initializer "
                        + config.initializer + " failed in " + worker + ": " + cause, worker.toString(),
                        unit.describe(i), cause));
                break;
            }
            default:
                throw new WireException(worker + " sent unknown result status " + status, null);
        }
    }

    /**
     * Puts the tasks of {@code unit} from index {@code from} on, which never ran, back in front as
     * a unit of their own; if they cannot be decoded again, they fail rather than vanish.
     */
    private void requeueRest(Unit unit, int from, WorkerHandle worker, Outcomes outcomes) {
        if (from >= unit.size) {
            return;
        }
        Unit again = unit.rest(from, ++nextUnitId);
        if (again != null) {
            outcomes.limit(from);
            live.put(again.id, again);
            queue.addFirst(again);
            return;
        }
        for (int i = from; i < unit.size; i++) {
            outcomes.fail(i, new TaskFailedException(unit.describe(i) + " was not run: it followed a task that"
                    + " timed out in " + worker + " and could not be sent again", worker.toString(),
                    unit.describe(i), null));
        }
    }

    /** Puts the units a dying worker held but had not started back at the front of the queue, in order. */
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

    void onExit(WorkerHandle worker, ChildJvm jvm, ExitStatus status) {
        LiveChildren.remove(jvm);
        Batch batch = new Batch();
        synchronized (lock) {
            worker.exited = true;
            workers.remove(worker);
            cancelBackstop(worker);
            Unit running = worker.inFlight.poll();
            if (running != null && !worker.haltingForCancel) {
                if (running.state == Unit.State.SENT) {
                    running.state = Unit.State.DONE;
                    live.remove(running.id);
                    Outcomes outcomes = new Outcomes(running);
                    RuntimeException error = worker.killedForTimeout == running
                            ? timeoutError(worker, running, 0)
                            : diedError(worker, running, status);
                    outcomes.fail(0, error);
                    for (int i = 1; i < running.size; i++) {
                        outcomes.fail(i, error);
                    }
                    batch.deliver(outcomes);
                } else {
                    live.remove(running.id);
                }
            } else if (running != null) {
                worker.inFlight.addFirst(running);
            }
            requeueInFlight(worker);
            if (!worker.ready && !worker.retiring) {
                failedStarts++;
                if (failedStarts >= FAILED_STARTS_LIMIT && brokenBecause == null) {
                    brokenBecause = failedStarts + " workers in a row died before they were ready; the last, "
                            + worker + ", " + status.describe() + lastWords(status);
                }
            }
            if (brokenBecause != null) {
                failQueued(batch);
            }
            dispatch(batch);
            ensureWorkers();
            lock.notifyAll();
        }
        batch.run();
    }

    private static String lastWords(ExitStatus status) {
        return status.lastWords().isEmpty() ? "" : "; its last words: " + status.lastWords();
    }

    private WorkerDiedException diedError(WorkerHandle worker, Unit unit, ExitStatus status) {
        String task = unit.describe(0);
        return new WorkerDiedException(worker + " died while running " + unit + ": " + status.describe()
                + lastWords(status), worker.toString(), task, status.code());
    }

    private TaskTimeoutException timeoutError(WorkerHandle worker, Unit unit, int index) {
        Duration limit = Duration.ofNanos(unit.timeoutNanos);
        String task = unit.describe(index);
        return new TaskTimeoutException(task + " ran past its time limit of " + describe(limit) + " in "
                + worker + "; the worker was killed and replaced", worker.toString(), task, limit);
    }

    private static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    /** Fails every queued unit because the pool is broken. Under the lock. */
    private void failQueued(Batch batch) {
        for (Unit unit; (unit = queue.poll()) != null; ) {
            if (unit.state != Unit.State.QUEUED) {
                continue;
            }
            unit.state = Unit.State.DONE;
            live.remove(unit.id);
            Outcomes outcomes = new Outcomes(unit);
            WorkerDiedException error = new WorkerDiedException(unit + " was not run: the pool has stopped"
                    + " replacing its workers: " + brokenBecause, "none", unit.describe(0), -1);
            for (int i = 0; i < unit.size; i++) {
                outcomes.fail(i, error);
            }
            batch.deliver(outcomes);
        }
    }

    // ---------------------------------------------------------------- workers coming and going

    /**
     * Starts workers until the pool has as many as it should, counting those already starting and
     * not those retiring. Under the lock; the starts themselves run on threads of their own.
     */
    private void ensureWorkers() {
        if (brokenBecause != null) {
            return;
        }
        int wanted = state == State.RUNNING || (state == State.CLOSING && hasWork()) ? config.processes : 0;
        int have = starting;
        for (WorkerHandle worker : workers) {
            if (!worker.retiring && !worker.dying) {
                have++;
            }
        }
        for (; have < wanted; have++) {
            starting++;
            String name = "PoolWorker-" + ++workerNumber;
            Thread starter = new Thread(() -> startReplacement(name), name + "-starter");
            starter.setDaemon(true);
            starter.start();
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

    /** Starts one worker, on a thread of its own; a worker that cannot start counts against the pool. */
    private void startReplacement(String name) {
        String failure = null;
        try {
            admit(ChildJvm.spawn(name, config.jvmOptions, true));
        } catch (ProcessStartException e) {
            failure = e.getMessage();
        }
        Batch batch = new Batch();
        synchronized (lock) {
            starting--;
            if (failure != null) {
                failedStarts++;
                if (failedStarts >= FAILED_STARTS_LIMIT && brokenBecause == null) {
                    brokenBecause = "its replacement workers cannot start: " + failure;
                    failQueued(batch);
                } else {
                    ensureWorkers();
                }
            } else if (state == State.TERMINATED) {
                for (WorkerHandle worker : workers) {
                    worker.jvm.kill();
                }
            }
            lock.notifyAll();
        }
        batch.run();
    }

    /** Sends shutdown to a retiring worker that has nothing left to do. Under the lock. */
    private void retireIfIdle(WorkerHandle worker, Batch batch) {
        boolean shuttingDown = state == State.CLOSING && queue.isEmpty();
        if ((worker.retiring || shuttingDown) && worker.inFlight.isEmpty() && worker.ready && !worker.dying) {
            worker.retiring = true;
            worker.dying = true;
            worker.queue(Boolean.TRUE);
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
                if (worker.inFlight.peek() == unit && unit.state == Unit.State.SENT) {
                    worker.killedForTimeout = unit;
                    worker.dying = true;
                    worker.jvm.kill();
                }
            }
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
                } else if (unit.state == Unit.State.SENT) {
                    unit.state = Unit.State.CANCELLED;
                    unit.worker.queue(cancelFrame(unit, killIfRunning));
                    batch.flush(unit.worker);
                }
            }
            lock.notifyAll();
        }
        batch.run();
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
        boolean interrupted = false;
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSING;
            }
            for (WorkerHandle worker : workers) {
                retireIfIdle(worker, batch);
            }
        }
        batch.run();
        synchronized (lock) {
            while (state == State.CLOSING && (hasWork() || !workers.isEmpty() || starting > 0)) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (state == State.CLOSING) {
                state = State.CLOSED;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        join();
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
            List<Unit> pending = new ArrayList<>(live.values());
            queue.clear();
            for (Unit unit : pending) {
                if (unit.isLive()) {
                    unit.state = Unit.State.CANCELLED;
                    Outcomes outcomes = new Outcomes(unit);
                    CancellationException error = new CancellationException("the pool was terminated before "
                            + unit + " finished");
                    for (int i = 0; i < unit.size; i++) {
                        outcomes.fail(i, error);
                    }
                    batch.deliver(outcomes);
                }
                live.remove(unit.id);
            }
            victims = new ArrayList<>(workers);
            for (WorkerHandle worker : victims) {
                worker.dying = true;
                worker.inFlight.clear();
            }
            lock.notifyAll();
        }
        for (WorkerHandle worker : victims) {
            worker.jvm.kill();
        }
        batch.run();
        join();
    }

    /**
     * Waits until every worker has exited. Not interruptible; an interrupt is kept for the caller.
     *
     * @throws IllegalStateException if the pool was neither closed nor terminated
     */
    public void join() {
        boolean interrupted = false;
        synchronized (lock) {
            if (state == State.RUNNING) {
                throw new IllegalStateException("join() waits for the workers to exit, which they do only"
                        + " after close() or terminate()");
            }
            while (!workers.isEmpty() || starting > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
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
                return;
            }
            if (flushes == null) {
                flushes = new LinkedHashSet<>();
            }
            flushes.add(worker);
        }

        void deliver(Outcomes outcomes) {
            if (deliveries == null) {
                deliveries = new ArrayList<>(2);
            }
            deliveries.add(outcomes);
        }

        void flushOnly() {
            if (flushes != null) {
                for (WorkerHandle worker : flushes) {
                    worker.flush();
                }
                flushes.clear();
            }
        }

        void run() {
            flushOnly();
            if (deliveries != null) {
                for (Outcomes outcomes : deliveries) {
                    outcomes.deliver();
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
        List<WorkerHandle> targets;
        synchronized (lock) {
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

    /** The outcomes of one unit's tasks, gathered before they are delivered. */
    private static final class Outcomes {
        private final Unit unit;
        private final Object[] values;
        private RuntimeException[] errors;
        /** Tasks from here on are not this unit's any more (requeued after a timeout). */
        private int limit;

        Outcomes(Unit unit) {
            this.unit = unit;
            this.values = new Object[unit.size];
            this.limit = values.length;
        }

        void returned(int index, Object value) {
            values[index] = value;
        }

        void fail(int index, RuntimeException error) {
            if (errors == null) {
                errors = new RuntimeException[values.length];
            }
            errors[index] = error;
        }

        void limit(int count) {
            limit = count;
        }

        /** The message was unreadable from some task on: that task and the rest fail with why. */
        void failUndecoded(WorkerHandle worker, int from, int count, RuntimeException e) {
            for (int i = from; i < count; i++) {
                fail(i, new TaskFailedException(unit.describe(i) + " ran in " + worker + ", but its result"
                        + " cannot be decoded here: " + e.getMessage(), worker.toString(),
                        unit.describe(i), e));
            }
        }

        void deliver() {
            if (errors == null) {
                unit.sink.returnedAll(unit.firstItem, values, limit);
                return;
            }
            for (int i = 0; i < limit; i++) {
                if (errors[i] != null) {
                    unit.sink.failed(unit.firstItem + i, errors[i]);
                } else {
                    unit.sink.returned(unit.firstItem + i, values[i]);
                }
            }
        }
    }
}
