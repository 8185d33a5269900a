package io.multiprocessing4j;

import io.multiprocessing4j.internal.pool.PoolCore;
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
 *       elsewhere, a replacement starts, and nothing hangs.
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
         */
        public Pool build() {
            PoolCore core = PoolCore.start(new PoolCore.Config(processes,
                    initializer == null ? null : initializer.call(), maxTasksPerChild, taskTimeoutNanos,
                    jvmOptions));
            return new Pool(core, processes);
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
        return await(applyAsync(task));
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
        return submitOne(task, PoolCore.DEFAULT_TIMEOUT);
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
        return submitOne(task, ChildProcess.positiveNanos(timeout));
    }

    private <R> AsyncResult<R> submitOne(Task<R> task, long timeoutNanos) {
        Objects.requireNonNull(task, "task");
        AsyncResult<R> result = new AsyncResult<>();
        PoolCore.Submission submission = core.submit(1, i -> task.call(), 0, new ResultSink() {
            @Override
            @SuppressWarnings("unchecked")
            public void returned(int item, Object value) {
                result.complete((R) value);
            }

            @Override
            public void failed(int item, RuntimeException error) {
                result.completeExceptionally(error);
            }
        }, timeoutNanos);
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
        return await(mapAsync(function, items));
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
        return await(mapAsync(function, items, chunksize));
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
        return submitList(function, inputs, defaultChunksize(inputs.size()));
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
        return submitList(function, materialize(function, items), chunksize);
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
            int chunksize) {
        AsyncResult<List<R>> result = new AsyncResult<>();
        if (items.isEmpty()) {
            result.complete(new ArrayList<>());
            return result;
        }
        ListSink<R> sink = new ListSink<>(items.size(), result);
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

    /** Collects a map's results in input order; the first failure fails the map and drops the rest. */
    private static final class ListSink<R> implements ResultSink {
        private final Object[] values;
        private final AtomicInteger remaining;
        private final AsyncResult<List<R>> result;
        private final List<PoolCore.Submission> submissions = new ArrayList<>();
        private boolean cancelled;

        ListSink(int size, AsyncResult<List<R>> result) {
            this.values = new Object[size];
            this.remaining = new AtomicInteger(size);
            this.result = result;
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
            if (remaining.addAndGet(-count) == 0) {
                @SuppressWarnings("unchecked")
                List<R> list = (List<R>) new ArrayList<>(Arrays.asList(values));
                result.complete(list);
            }
        }

        @Override
        public void failed(int item, RuntimeException error) {
            if (result.completeExceptionally(error)) {
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

    private <T, R> Stream<R> stream(Function<? super T, Task<R>> function, Iterable<? extends T> items,
            int chunksize, boolean ordered) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        if (!core.isRunning()) {
            throw new IllegalStateException("the pool is closed: it takes no new work");
        }
        ResultStream<T, R> results = new ResultStream<>(core, function, items.iterator(), chunksize,
                ordered, 4 * processes);
        Spliterator<R> spliterator = Spliterators.spliteratorUnknownSize(results,
                ordered ? Spliterator.ORDERED : 0);
        return StreamSupport.stream(spliterator, false).onClose(results::close);
    }

    // ------------------------------------------------------------------- lifecycle

    /**
     * Takes no new work, lets the submitted work finish, stops the workers and waits for them to
     * exit: Python's {@code close()} followed by {@code join()}. Idempotent; called by
     * try-with-resources.
     *
     * <p>Completion callbacks of this pool's results ({@code thenApply}, {@code whenComplete}, ...)
     * run on the pool's own threads. Called from such a callback, this begins the close and
     * returns without waiting: waiting there would wait for the very thread it runs on. For the
     * same reason a callback must not block on another result of this pool; chain it instead.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Stops now: the workers are killed, every result not yet complete is cancelled (its
     * {@code get()} throws {@link CancellationException}), and this returns once no worker
     * process remains; called from a completion callback of this pool's results, it returns once
     * the workers are killed, without waiting for their exit (see {@link #close()}). Idempotent.
     */
    public void terminate() {
        core.terminate();
    }

    /**
     * Waits until every worker has exited.
     *
     * @throws IllegalStateException if the pool was neither closed nor terminated, or if called
     *     from a completion callback of this pool's results, where it would wait for itself
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
