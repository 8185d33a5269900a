package io.multiprocessing4j;

import io.multiprocessing4j.internal.pool.Callbacks;
import io.multiprocessing4j.internal.pool.PoolCore;
import io.multiprocessing4j.internal.pool.ProgressRelay;
import io.multiprocessing4j.internal.pool.ResultSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A pool of worker JVMs that run {@code @PoolTask} methods, the counterpart of Python's
 * {@code multiprocessing.Pool}:
 *
 * <pre>{@code
 * try (Pool pool = Pool.builder().processes(4).initializer(DoublerTasks.startProcess()).build()) {
 *     List<Integer> squares = pool.map(DoublerTasks::square, List.of(10, 8, 6, 4, 2, 1));
 *     int nine = pool.apply(DoublerTasks.square(3));
 *     pool.imap(x -> DoublerTasks.add(x, 10), input).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p><b>Guarantees, where Python's pool falls short.</b>
 * <ul>
 *   <li>A worker that dies under a task ({@code System.exit}, {@code Runtime.halt},
 *       {@code kill -9}, an {@code OutOfMemoryError}, a crash) fails exactly the task it was
 *       running, with {@link WorkerDiedException}; work it held but had not started runs
 *       elsewhere, a replacement starts, and nothing hangs. Inside a chunk of {@code map} or
 *       {@code imap} too: the results of the chunk's tasks it had finished are delivered, and
 *       the rest of the chunk runs elsewhere (the worker logs each task's outcome to shared
 *       memory as it ends; a worker that cannot keep that log says so on its stderr, and its
 *       death then fails its whole chunk).
 *   <li>Every task can have a hard time limit ({@link Builder#taskTimeout}, or per call with
 *       {@link #applyAsync(Task, Duration)}): past it, the worker is killed within a second, the
 *       task fails with {@link TaskTimeoutException}, and a replacement starts.
 *   <li>{@link #imap} and {@link #imapUnordered} read their input lazily and keep a bounded
 *       number of tasks in flight: an infinite input works, and memory does not grow with it.
 *   <li>An initializer that throws does not make the pool restart workers forever: the tasks fail
 *       with a {@link TaskFailedException} saying so. Workers that die before they are even ready,
 *       three in a row, stop the pool from replacing them; its work then fails with
 *       {@link WorkerDiedException} rather than waiting forever.
 *   <li>Workers are daemon children: they exit when this JVM does, however it does.
 * </ul>
 *
 * <p><b>Cost.</b> Building a pool boots its JVMs in parallel and returns when all have connected
 * back. A task's arguments and result are encoded in compact binary form (JDK serialization only
 * for types without a compact encoding); a round trip costs tens of microseconds, and
 * {@code map} sends tasks in chunks. Figures are in the README.
 *
 * <p><b>Callbacks.</b> A callback attached to a result of this pool ({@code thenApply},
 * {@code whenComplete}, ... on an {@link AsyncResult}) never runs on a thread the pool needs: it
 * runs on the pool's callback thread (or, if attached after completion, on the thread attaching
 * it, as with any {@code CompletableFuture}). It may therefore call back into the pool and wait:
 * {@code applyAsync(a).thenApply(v -> pool.apply(b))} works on a pool of one worker, as does
 * iterating an {@code imap} or calling {@code close()} in a callback. Callbacks run one at a time,
 * in the order their results completed; one that blocks in {@code get()} or {@code join()} of
 * another result lets another thread run the rest meanwhile.
 *
 * <p><b>Failure.</b> Arguments that cannot be sent fail the submission with
 * {@link IllegalArgumentException} naming the parameter; nothing of it runs. Work submitted after
 * {@link #close()} or {@link #terminate()} gets {@link IllegalStateException}. All methods are
 * thread-safe.
 */
public final class Pool implements AutoCloseable {

    /** How many tasks of small chunks a map submits at once. */
    private static final int BATCH_TASKS = 256;

    private final PoolCore core;
    private final int processes;

    private Pool(PoolCore core, int processes) {
        this.core = core;
        this.processes = processes;
    }

    /**
     * Starts a pool with one worker per CPU ({@link Multiprocessing#cpuCount()}), as
     * {@code builder().build()} does.
     *
     * @return the started pool; close it (try-with-resources) to stop its workers
     * @throws ProcessStartException if a worker JVM cannot start
     */
    public static Pool create() {
        return builder().build();
    }

    /**
     * Starts a pool with {@code processes} workers, as {@code builder().processes(processes).build()}
     * does.
     *
     * @param processes the number of worker JVMs, at least 1
     * @return the started pool; close it (try-with-resources) to stop its workers
     * @throws IllegalArgumentException if {@code processes} is less than 1
     * @throws ProcessStartException if a worker JVM cannot start
     */
    public static Pool create(int processes) {
        return builder().processes(processes).build();
    }

    /**
     * A builder for a pool with other settings. Nothing starts until {@link Builder#build()}.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link Pool}; not thread-safe. */
    public static final class Builder {
        private int processes = Multiprocessing.cpuCount();
        private Task<?> initializer;
        private int maxTasksPerChild;
        private long taskTimeoutNanos = PoolCore.DEFAULT_TIMEOUT;
        private List<String> jvmOptions = List.of();
        private long maxMemoryPerChild;
        private ProgressListener progressListener;
        private boolean prefixOutput;

        private Builder() {}

        /**
         * The number of worker JVMs. Default: {@link Multiprocessing#cpuCount()}.
         *
         * @param processes the number of worker JVMs, at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder processes(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("a pool needs at least one process, not " + processes);
            }
            this.processes = processes;
            return this;
        }

        /**
         * A task each worker runs once, before its first task, and each replacement worker runs
         * again: Python's {@code initializer}. If it throws, the worker's tasks fail with a
         * {@link TaskFailedException} that says so and carries its exception.
         *
         * @param initializer the bound call each worker runs first, such as
         *     {@code FooTasks.setUp("config")}
         * @return this builder
         */
        public Builder initializer(Task<?> initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * Replaces a worker with a fresh JVM after it has run {@code maxTasksPerChild} units of
         * work (a task, or a chunk of {@code map}, as in Python). Default: no limit.
         *
         * @param maxTasksPerChild the units of work a worker runs before it is replaced, at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxTasksPerChild must be at least 1, not " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /**
         * The time limit of every task unless a call gives its own: past it, the worker is killed
         * and the task fails with {@link TaskTimeoutException}. Default: none.
         *
         * @param taskTimeout the time limit of each task, from when a worker starts it
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder taskTimeout(Duration taskTimeout) {
            this.taskTimeoutNanos = ChildProcess.positiveNanos(taskTimeout);
            return this;
        }

        /**
         * Replaces a worker with a fresh JVM after a task during which its resident memory (the
         * operating system's figure, {@code VmRSS}: heap, metaspace, native memory, all of it)
         * passed {@code bytes}: billiard's {@code max_memory_per_child}, for tasks that leak. The
         * task's result is delivered as usual; nothing fails. The worker takes no more work, gives
         * back the tasks it holds and has not started, finishes the one it has begun, and exits;
         * its replacement starts at once. The pool logs it at {@code INFO}, and
         * {@link PoolStats#workersReplaced(ReplacementReason)} counts it under
         * {@link ReplacementReason#MAX_MEMORY}. Default: no limit.
         *
         * <p>The parent reads the worker's memory from {@code /proc/<pid>/status} each time a
         * worker answers (a chunk of {@code map} answers once), which costs tens of microseconds
         * per answer; as the worker may already have started its next task by then, a leak is
         * noticed after the task that made it or, at the latest, after the next one. A JVM rarely
         * gives memory back to the system, so set the limit well above a fresh worker's footprint
         * (a worker's {@code -Xmx} with its non-heap memory), or every worker is replaced after
         * every task.
         *
         * @param bytes the resident memory past which a worker is replaced, at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxMemoryPerChild(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxMemoryPerChild must be at least 1 byte, not " + bytes);
            }
            this.maxMemoryPerChild = bytes;
            return this;
        }

        /**
         * A listener told how far all of the pool's work has come: tasks with an outcome, out of
         * every task submitted so far (the total grows as work is submitted; tasks cancelled
         * before they ran leave it). Called off the pool's threads and coalesced, as
         * {@link ProgressListener} says; costs the pool an atomic add per answer from a worker.
         * Default: none. For one map's progress, see {@link AsyncResult#onProgress}.
         *
         * @param listener called with each update
         * @return this builder
         */
        public Builder progressListener(ProgressListener listener) {
            this.progressListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Writes each line a worker prints on its standard output or error after the worker's
         * name, as {@code [PoolWorker-3] the line}, so that the workers' output can be told
         * apart. Without it, a worker's output goes to this JVM's as it is, as in Python. The
         * system property {@code multiprocessing4j.outputPrefix=true} does the same for every
         * child process of this JVM. Costs a scan of each line for its end. Default: off.
         *
         * @param prefix whether to prefix each line with the worker's name
         * @return this builder
         */
        public Builder prefixOutput(boolean prefix) {
            this.prefixOutput = prefix;
            return this;
        }

        /**
         * Options for the worker JVMs, as for {@link ChildProcess#jvmOptions}. Replaces options
         * given before.
         *
         * @param options JVM options such as {@code -Xmx256m}, each one command-line argument
         * @return this builder
         */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = ChildProcess.optionList(options);
            return this;
        }

        /**
         * Starts the pool and returns once every worker JVM has connected back.
         *
         * @return the started pool; close it (try-with-resources) to stop its workers
         * @throws ProcessStartException if a worker JVM cannot start (the message quotes the
         *     JVM's error); nothing is left running
         * @throws IllegalArgumentException if the initializer's arguments cannot be sent
         * @throws UnsupportedOperationException if {@link #maxMemoryPerChild} was set on a system
         *     without {@code /proc} (the limit is read there; Linux has it)
         */
        public Pool build() {
            PoolCore core = PoolCore.start(new PoolCore.Config(processes,
                    initializer == null ? null : initializer.call(), maxTasksPerChild, taskTimeoutNanos,
                    jvmOptions).maxMemoryPerChild(maxMemoryPerChild).progress(poolProgress())
                    .prefixOutput(prefixOutput));
            return new Pool(core, processes);
        }

        private ProgressRelay poolProgress() {
            if (progressListener == null) {
                return null;
            }
            ProgressRelay relay = new ProgressRelay(0);
            relay.listen(progressListener);
            return relay;
        }
    }

    // ------------------------------------------------------------------- apply

    /**
     * Runs one task in a worker and returns its result: Python's {@code apply}.
     *
     * @param <R> the task's result type
     * @param task the bound call, such as {@code FooTasks.square(3)}
     * @return what the task's method returned ({@code null} for a {@code void} method)
     * @throws TaskFailedException if the task threw (the cause is its exception)
     * @throws WorkerDiedException if its worker died under it
     * @throws TaskTimeoutException if it ran past the pool's time limit
     * @throws CancellationException if the pool was terminated first
     * @throws IllegalArgumentException if an argument cannot be sent
     * @throws IllegalStateException if the pool is closed
     */
    public <R> R apply(Task<R> task) {
        return await(submitOne(task, PoolCore.DEFAULT_TIMEOUT, false));
    }

    /**
     * Submits one task: Python's {@code apply_async}. The pool's time limit applies.
     *
     * @param <R> the task's result type
     * @param task the bound call, such as {@code FooTasks.square(3)}
     * @return the task's future result; a failure completes it with a {@link TaskException}
     * @throws IllegalArgumentException if an argument cannot be sent
     * @throws IllegalStateException if the pool is closed
     */
    public <R> AsyncResult<R> applyAsync(Task<R> task) {
        return submitOne(task, PoolCore.DEFAULT_TIMEOUT, true);
    }

    /**
     * Submits one task with its own time limit, which replaces the pool's.
     *
     * @param <R> the task's result type
     * @param task the bound call, such as {@code FooTasks.square(3)}
     * @param timeout the task's time limit, from when a worker starts it
     * @return the task's future result; past the limit it completes with a
     *     {@link TaskTimeoutException}
     * @throws IllegalArgumentException if {@code timeout} is not positive, or an argument cannot
     *     be sent
     * @throws IllegalStateException if the pool is closed
     */
    public <R> AsyncResult<R> applyAsync(Task<R> task, Duration timeout) {
        return submitOne(task, ChildProcess.positiveNanos(timeout), true);
    }

    /**
     * Submits one task.
     *
     * @param forUser whether the result goes to the user, who may attach callbacks: it is then
     *     completed on the pool's callback threads; one only this class waits on is completed
     *     where the outcome is read, without a hand-over, and whose caller cannot stop waiting,
     *     so that its large byte arrays are sent without a copy ({@link PoolCore#submitAwaited})
     */
    private <R> AsyncResult<R> submitOne(Task<R> task, long timeoutNanos, boolean forUser) {
        Objects.requireNonNull(task, "task");
        AsyncResult<R> result = new AsyncResult<>();
        Callbacks callbacks = forUser ? core.callbacks() : null;
        ResultSink sink = new ResultSink() {
            @Override
            @SuppressWarnings("unchecked")
            public void returned(int item, Object value) {
                if (callbacks == null) {
                    result.complete((R) value);
                } else {
                    callbacks.complete(result, (R) value);
                }
            }

            @Override
            public void failed(int item, RuntimeException error) {
                if (callbacks == null) {
                    result.completeExceptionally(error);
                } else {
                    callbacks.fail(result, error);
                }
            }
        };
        PoolCore.Submission submission = forUser ? core.submit(1, i -> task.call(), 0, sink, timeoutNanos)
                : core.submitAwaited(task.call(), sink, timeoutNanos);
        result.onCancel(submission::cancel);
        return result;
    }

    // ------------------------------------------------------------------- map

    /**
     * Runs {@code function}'s task for every item and returns the results in input order:
     * Python's {@code map}. The items are read at once; the tasks go out in chunks of
     * {@code ceil(n / (4 * processes))}, Python's default.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @return the tasks' results, in the order of {@code items}
     * @throws TaskException the first failure to arrive (the pool stays usable, and the rest of
     *     the map's queued work is dropped)
     * @throws IllegalArgumentException if an argument cannot be sent; the chunks before it, already
     *     under way, are cancelled
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> List<R> map(Function<? super T, Task<R>> function, Iterable<? extends T> items) {
        List<? extends T> inputs = materialize(function, items);
        return await(submitList(function, inputs, defaultChunksize(inputs.size()), null));
    }

    /**
     * As {@link #map(Function, Iterable)}, with tasks sent in chunks of {@code chunksize}.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @param chunksize how many tasks go to a worker at once, at least 1
     * @return the tasks' results, in the order of {@code items}
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    public <T, R> List<R> map(Function<? super T, Task<R>> function, Iterable<? extends T> items, int chunksize) {
        requireChunksize(chunksize);
        return await(submitList(function, materialize(function, items), chunksize, null));
    }

    /**
     * As {@link #map(Function, Iterable)}, without waiting: Python's {@code map_async}.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @return the future list of results, in the order of {@code items}; the first failure
     *     completes it with that {@link TaskException}
     * @throws IllegalArgumentException if an argument cannot be sent
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Function<? super T, Task<R>> function, Iterable<? extends T> items) {
        List<? extends T> inputs = materialize(function, items);
        return submitList(function, inputs, defaultChunksize(inputs.size()), core.callbacks());
    }

    /**
     * As {@link #map(Function, Iterable, int)}, without waiting.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @param chunksize how many tasks go to a worker at once, at least 1
     * @return the future list of results, in the order of {@code items}; the first failure
     *     completes it with that {@link TaskException}
     * @throws IllegalArgumentException if {@code chunksize} is less than 1, or an argument cannot
     *     be sent
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Function<? super T, Task<R>> function, Iterable<? extends T> items,
            int chunksize) {
        requireChunksize(chunksize);
        return submitList(function, materialize(function, items), chunksize, core.callbacks());
    }

    private int defaultChunksize(int count) {
        int chunks = 4 * processes;
        return Math.max(1, (count + chunks - 1) / chunks);
    }

    private static void requireChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        }
    }

    /** The items as a list, as Python's map reads its whole input first to size its chunks. */
    private static <T> List<? extends T> materialize(Function<?, ?> function, Iterable<? extends T> items) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        if (items instanceof List<?> && items instanceof RandomAccess) {
            return (List<? extends T>) items;
        }
        List<T> list = new ArrayList<>();
        for (T item : items) {
            list.add(item);
        }
        return list;
    }

    /**
     * Submits a map chunk by chunk, each as soon as its tasks are built and encoded, so workers
     * start on the first chunk while the rest are prepared. If an argument cannot be sent, the
     * chunks already submitted are cancelled (those already running finish unobserved) and the
     * {@link IllegalArgumentException} is thrown.
     */
    private <T, R> AsyncResult<List<R>> submitList(Function<? super T, Task<R>> function, List<? extends T> items,
            int chunksize, Callbacks callbacks) {
        ProgressRelay progress = new ProgressRelay(items.size());
        AsyncResult<List<R>> result = new AsyncResult<>(progress);
        if (items.isEmpty()) {
            result.complete(new ArrayList<>());
            return result;
        }
        ListSink<R> sink = new ListSink<>(items.size(), result, progress, callbacks);
        result.onCancel(sink::cancel);
        for (int from = 0; from < items.size() && !result.isDone(); ) {
            // Large chunks go out one by one, so workers start on the first while the rest are
            // encoded; small ones go out in batches, to take the pool's lock once per batch.
            int count = Math.min(items.size() - from, Math.max(chunksize, BATCH_TASKS / chunksize * chunksize));
            try {
                sink.add(core.submitChunks(from, count, chunksize,
                        (i, frame) -> taskFor(function, items.get(i)).writeTo(frame), sink, PoolCore.DEFAULT_TIMEOUT));
            } catch (RuntimeException e) {
                sink.cancel(false);
                throw e;
            }
            from += count;
        }
        return result;
    }

    static <T, R> Task<R> taskFor(Function<? super T, Task<R>> function, T item) {
        return Objects.requireNonNull(function.apply(item), "the function returned no task");
    }

    /**
     * Collects a map's results in input order; the first failure fails the map and drops the rest.
     * The list's future is completed on the pool's callback threads if it goes to the user.
     */
    private static final class ListSink<R> implements ResultSink {
        private final Object[] values;
        private final AtomicInteger remaining;
        private final AsyncResult<List<R>> result;
        private final ProgressRelay progress;
        /** Where to complete {@link #result}; {@code null}: right here, only this class waits on it. */
        private final Callbacks callbacks;
        /** Set by the first failure, which alone completes the result. */
        private final AtomicBoolean failed = new AtomicBoolean();
        private final List<PoolCore.Submission> submissions = new ArrayList<>();
        private boolean cancelled;

        ListSink(int size, AsyncResult<List<R>> result, ProgressRelay progress, Callbacks callbacks) {
            this.values = new Object[size];
            this.remaining = new AtomicInteger(size);
            this.result = result;
            this.progress = progress;
            this.callbacks = callbacks;
        }

        void add(PoolCore.Submission submission) {
            boolean late;
            synchronized (this) {
                submissions.add(submission);
                late = cancelled;
            }
            if (late) {
                submission.cancel(false);
            }
        }

        void cancel(boolean killIfRunning) {
            List<PoolCore.Submission> all;
            synchronized (this) {
                cancelled = true;
                all = new ArrayList<>(submissions);
            }
            for (PoolCore.Submission submission : all) {
                submission.cancel(killIfRunning);
            }
        }

        @Override
        public void returned(int item, Object value) {
            values[item] = value;
            countDown(1);
        }

        @Override
        public void returnedAll(int firstItem, Object[] chunk, int count) {
            System.arraycopy(chunk, 0, values, firstItem, count);
            countDown(count);
        }

        private void countDown(int count) {
            progress.advance(count);
            if (remaining.addAndGet(-count) == 0) {
                @SuppressWarnings("unchecked")
                List<R> list = (List<R>) new ArrayList<>(Arrays.asList(values));
                if (callbacks == null) {
                    result.complete(list);
                } else {
                    callbacks.complete(result, list);
                }
            }
        }

        @Override
        public void failed(int item, RuntimeException error) {
            progress.advance(1);
            if (!result.isDone() && failed.compareAndSet(false, true)) {
                if (callbacks == null) {
                    result.completeExceptionally(error);
                } else {
                    callbacks.fail(result, error);
                }
                cancel(false);
            }
        }
    }

    // ------------------------------------------------------------------- imap

    /**
     * Runs {@code function}'s task for every item and streams the results in input order:
     * Python's {@code imap}. Items are read as results are consumed; at most a few tasks per
     * worker are in flight at once, so an infinite input works. A failed task throws its
     * {@link TaskException} when the stream reaches it. Closing the stream cancels the work that
     * has not run.
     *
     * <p>If reading the input fails (its iterator or {@code function} throws, or a task's
     * arguments cannot be sent), the exception takes its place behind the items read before it,
     * as in Python: the stream delivers the result of every one of those, in order, then throws
     * that exception as it was thrown (an unsendable argument's {@link IllegalArgumentException}
     * stands for its whole chunk), and then ends. This method itself never throws for it, the
     * input is not read again, and nothing already submitted is cancelled.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @return the results, in the order of {@code items}; close it to cancel what has not run
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> Stream<R> imap(Function<? super T, Task<R>> function, Iterable<? extends T> items) {
        return stream(function, items, 1, true);
    }

    /**
     * As {@link #imap(Function, Iterable)}, with tasks sent in chunks of {@code chunksize}.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @param chunksize how many tasks go to a worker at once, at least 1
     * @return the results, in the order of {@code items}; close it to cancel what has not run
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    public <T, R> Stream<R> imap(Function<? super T, Task<R>> function, Iterable<? extends T> items, int chunksize) {
        requireChunksize(chunksize);
        return stream(function, items, chunksize, true);
    }

    /**
     * As {@link #imap(Function, Iterable)}, with results in completion order: Python's
     * {@code imap_unordered}. If reading the input fails, the stream delivers the result of every
     * item read before, in completion order, then throws the input's exception as
     * {@link #imap(Function, Iterable) imap} does.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @return the results, in the order they complete; close it to cancel what has not run
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> Stream<R> imapUnordered(Function<? super T, Task<R>> function, Iterable<? extends T> items) {
        return stream(function, items, 1, false);
    }

    /**
     * As {@link #imap(Function, Iterable, int)}, with results in completion order.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @param chunksize how many tasks go to a worker at once, at least 1
     * @return the results, in the order they complete; close it to cancel what has not run
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> Stream<R> imapUnordered(Function<? super T, Task<R>> function, Iterable<? extends T> items,
            int chunksize) {
        requireChunksize(chunksize);
        return stream(function, items, chunksize, false);
    }

    /**
     * As {@link #imap(Function, Iterable, int)}, telling {@code listener} how many results have
     * arrived (whether or not the stream has consumed them yet), out of the input's size if it is
     * a {@link java.util.Collection}, else out of an unknown total. The listener runs off the
     * pool's threads, coalesced; see {@link ProgressListener}.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @param chunksize how many tasks go to a worker at once, at least 1
     * @param listener told how far the results have come
     * @return the results, in the order of {@code items}; close it to cancel what has not run
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> Stream<R> imap(Function<? super T, Task<R>> function, Iterable<? extends T> items, int chunksize,
            ProgressListener listener) {
        requireChunksize(chunksize);
        return stream(function, items, chunksize, true, progressOf(items, listener));
    }

    /**
     * As {@link #imapUnordered(Function, Iterable, int)}, telling {@code listener} how many results
     * have arrived, as {@link #imap(Function, Iterable, int, ProgressListener)} does.
     *
     * @param <T> the item type
     * @param <R> the tasks' result type
     * @param function makes the task for one item, such as {@code FooTasks::square} or
     *     {@code x -> FooTasks.add(x, 10)}
     * @param items the inputs, one task each
     * @param chunksize how many tasks go to a worker at once, at least 1
     * @param listener told how far the results have come
     * @return the results, in the order they complete; close it to cancel what has not run
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     * @throws IllegalStateException if the pool is closed
     */
    public <T, R> Stream<R> imapUnordered(Function<? super T, Task<R>> function, Iterable<? extends T> items,
            int chunksize, ProgressListener listener) {
        requireChunksize(chunksize);
        return stream(function, items, chunksize, false, progressOf(items, listener));
    }

    private static ProgressRelay progressOf(Iterable<?> items, ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        ProgressRelay relay = new ProgressRelay(items instanceof java.util.Collection<?>
                ? ((java.util.Collection<?>) items).size() : -1);
        relay.listen(listener);
        return relay;
    }

    private <T, R> Stream<R> stream(Function<? super T, Task<R>> function, Iterable<? extends T> items,
            int chunksize, boolean ordered) {
        return stream(function, items, chunksize, ordered, null);
    }

    private <T, R> Stream<R> stream(Function<? super T, Task<R>> function, Iterable<? extends T> items,
            int chunksize, boolean ordered, ProgressRelay progress) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        if (!core.isRunning()) {
            throw new IllegalStateException("the pool is closed: it takes no new work");
        }
        ResultStream<T, R> results = new ResultStream<>(core, function, items.iterator(), chunksize,
                ordered, 4 * processes, progress);
        Spliterator<R> spliterator = Spliterators.spliteratorUnknownSize(results,
                ordered ? Spliterator.ORDERED : 0);
        return StreamSupport.stream(spliterator, false).onClose(results::close);
    }

    // ------------------------------------------------------------------- figures

    /**
     * The pool's figures now: workers alive, tasks queued, running, done and failed, and workers
     * replaced and why. The same events are logged as they happen, through
     * {@link System.Logger} under the name {@code io.multiprocessing4j.pool} (see the README's
     * "Watching a pool").
     *
     * <p>Cost: a brief hold of the pool's lock, proportional to the number of workers, never to
     * the number of queued tasks; cheap enough to poll several times a second. Works on a closed
     * or terminated pool too (its last figures).
     *
     * @return an immutable snapshot
     */
    public PoolStats stats() {
        PoolCore.Figures figures = core.figures();
        return new PoolStats(figures.workersAlive, figures.tasksQueued, figures.tasksRunning, figures.tasksDone,
                figures.tasksFailed, figures.replaced);
    }

    // ------------------------------------------------------------------- lifecycle

    /**
     * Takes no new work, lets the submitted work finish, stops the workers and waits for them to
     * exit: Python's {@code close()} followed by {@code join()}. Idempotent; called by
     * try-with-resources.
     *
     * <p>It also waits for the completion callbacks of this pool's results to have run (see
     * {@link AsyncResult} for which thread runs them), except when called from one of them: it
     * then waits for the work and the workers as anywhere else, and the callbacks queued behind
     * the calling one run once it returns.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Stops now: the workers are killed, every result not yet complete is cancelled (its
     * {@code get()} throws {@link CancellationException}), and this returns once no worker
     * process remains and the callbacks of the cancelled results have run (but for those queued
     * behind a callback that calls this; see {@link #close()}). Idempotent.
     */
    public void terminate() {
        core.terminate();
    }

    /**
     * Waits until every worker has exited, and the completion callbacks of this pool's results
     * have run (but for those queued behind a callback that calls this; see {@link #close()}).
     *
     * @throws IllegalStateException if the pool was neither closed nor terminated
     */
    public void join() {
        core.join();
    }

    /** Waits, uninterruptibly, and throws what the work threw, unwrapped. */
    static <R> R await(AsyncResult<R> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }
}
