package io.multiprocessing4j;

import io.multiprocessing4j.internal.channel.QueueBackend;
import io.multiprocessing4j.internal.channel.QueueState;
import io.multiprocessing4j.internal.shm.Deadline;
import java.time.Duration;
import java.util.Objects;

/**
 * A first-in, first-out queue shared by the processes of a program: Python's
 * {@code multiprocessing.Queue} and {@code JoinableQueue} in one. Create it in any process and pass
 * it to {@code @Worker} and {@code @PoolTask} methods (or put it on another queue, send it through
 * a pipe, return it from a task): it arrives as a handle to the same queue. Unlike Python, it may
 * be passed to pool tasks, not only at process start.
 *
 * <pre>{@code
 * @Worker
 * static void consumer(SharedQueue<Integer> q) throws InterruptedException {
 *     for (int item; (item = q.take()) != -1; ) {   // -1: the sentinel that ends the work
 *         System.out.println(item * 2);
 *     }
 * }
 *
 * SharedQueue<Integer> q = SharedQueue.create();
 * ChildProcess c = FooWorkers.consumer(q).start();
 * for (int i : List.of(5, 10, 13, -1)) {
 *     q.put(i);
 * }
 * c.join();
 * }</pre>
 *
 * <p><b>What it guarantees.</b> Any number of processes put and take at once. Every item put is
 * taken exactly once; items put by one thread are taken in the order it put them. Items are any
 * value a task argument may be (primitives' boxes, strings, arrays, enums, records, collections,
 * shared objects, {@code Serializable} objects; {@code Object} as the type argument takes them
 * all), encoded when put and decoded when taken, so a taker gets a copy (a shared object: a handle
 * to the same object). {@code null} is not an item, as in every {@code java.util.concurrent}
 * queue: {@link #poll()} returns it for "nothing". {@link #create(int)} bounds the queue in items:
 * {@link #put} then waits for room and {@link #offer} gives up. {@link #create()} has no bound in
 * items; the encoded items waiting in it at once may take up to 1 GiB, each up to that size.
 *
 * <p><b>Nothing is lost, nothing hangs.</b> A put writes the item straight into shared memory
 * before it returns: there is no feeder thread, so an item put is in the queue even if its process
 * exits the next moment, by {@code System.exit} or {@code kill -9}. (Python's {@code put} hands
 * the item to a background thread, and loses it if the process exits before that thread has
 * written it.) A process killed in the middle of a {@code put} or a {@code take} leaves the queue
 * as if the call had not begun: no item torn or half taken, no lock held, its room given back;
 * the others go on within about a quarter of a second. An item that cannot be encoded fails the
 * {@code put} in its caller, with the item's type in the message, and the queue is unchanged.
 *
 * <p><b>Tasks</b> (Python's {@code JoinableQueue}): every item put counts as unfinished until some
 * process calls {@link #taskDone()} for it; {@link #join()} waits until none is. A queue used
 * without them just counts.
 *
 * <p><b>Costs.</b> A put or a take is a short guarded section in shared memory plus the copy of
 * the encoded item; the puts and the takes have a lock each, so putters never wait for takers'
 * copies. A taker that finds the queue empty spins for up to 50 µs while spinning has lately paid,
 * then sleeps in the kernel, using no CPU, until an item comes; a putter at a full bounded queue
 * and a joiner sleep at once. The queue takes a page of shared memory and a buffer for the items (256 KiB to start,
 * growing with the items waiting, back to 256 KiB once it empties after holding many), until the
 * program ends: create queues for the program's life, not one per task. Interrupts are noticed
 * within 50 ms.
 *
 * <p>Thread-safe. Two objects are {@linkplain Object#equals equal} when they are handles to the
 * same queue.
 *
 * @param <T> the items' type
 */
public final class SharedQueue<T> implements AutoCloseable {

    private final QueueBackend backend;
    private volatile boolean closed;

    private SharedQueue(QueueBackend backend) {
        this.backend = backend;
    }

    /**
     * A new, empty queue with no bound in items: Python's {@code Queue()}.
     *
     * @param <T> the items' type
     * @return the queue, to pass to other processes
     * @throws java.io.UncheckedIOException if its shared memory cannot be created (the message
     *     says where, and how to choose another place)
     */
    public static <T> SharedQueue<T> create() {
        return new SharedQueue<>(QueueState.create(0));
    }

    /**
     * A new, empty queue that holds at most {@code capacity} items: Python's
     * {@code Queue(maxsize)}.
     *
     * @param <T> the items' type
     * @param capacity the most items it holds at once
     * @return the queue, to pass to other processes
     * @throws IllegalArgumentException if {@code capacity} is not positive
     * @throws java.io.UncheckedIOException if its shared memory cannot be created
     */
    public static <T> SharedQueue<T> create(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a queue's capacity is at least 1, not " + capacity
                    + "; SharedQueue.create() makes one without a bound");
        }
        return new SharedQueue<>(QueueState.create(capacity));
    }

    /** A queue over another implementation (a manager's), for this package. */
    static <T> SharedQueue<T> over(QueueBackend backend) {
        return new SharedQueue<>(backend);
    }

    /** A queue whose handle arrived from another process. */
    static SharedQueue<?> open(String name) {
        return new SharedQueue<>(QueueState.open(name));
    }

    QueueBackend backend() {
        return backend;
    }

    /**
     * Puts {@code item} at the tail, waiting for room if the queue is bounded and full. Never
     * waits for a taker otherwise: the item is in shared memory when this returns.
     *
     * @param item the item; any carriable value but {@code null}
     * @throws InterruptedException if interrupted before or while waiting; the item is not put
     * @throws IllegalArgumentException if the item, or something in it, cannot be encoded: the
     *     message names its type and the part that is the problem; the queue is unchanged
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalStateException if this object was {@linkplain #close() closed}, or the
     *     encoded items waiting would exceed 1 GiB
     * @throws java.io.UncheckedIOException if the queue must grow and shared memory is full
     */
    public void put(T item) throws InterruptedException {
        backend.put(check(item), -1);
    }

    /**
     * Puts {@code item} if there is room now; never waits.
     *
     * @param item the item; any carriable value but {@code null}
     * @return whether it was put (false: the queue is bounded and full)
     * @throws IllegalArgumentException as {@link #put}
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalStateException as {@link #put}
     */
    public boolean offer(T item) {
        try {
            return backend.put(check(item), 0);
        } catch (InterruptedException e) {
            throw new AssertionError("a put that does not wait was interrupted", e);
        }
    }

    /**
     * Puts {@code item}, waiting at most {@code timeout} for room; returns on time.
     *
     * @param item the item; any carriable value but {@code null}
     * @param timeout the longest to wait; zero or negative does not wait
     * @return whether it was put
     * @throws InterruptedException if interrupted before or while waiting; the item is not put
     * @throws IllegalArgumentException as {@link #put}
     * @throws NullPointerException if {@code item} or {@code timeout} is null
     * @throws IllegalStateException as {@link #put}
     */
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        return backend.put(check(item), Deadline.nanos(timeout, "timeout"));
    }

    /**
     * Takes the item at the head, waiting as long as it takes for one: Python's {@code get()}.
     *
     * @return the item
     * @throws InterruptedException if interrupted before or while waiting
     * @throws IllegalStateException if the item cannot be decoded in this process (a class this
     *     JVM lacks, or one the serialization filter refuses): it is dropped, and the message says
     *     why; or if this object was {@linkplain #close() closed}
     */
    @SuppressWarnings("unchecked")
    public T take() throws InterruptedException {
        requireOpen();
        return (T) backend.take(-1);
    }

    /**
     * Takes the item at the head if there is one; never waits: Python's {@code get_nowait()}.
     *
     * @return the item, or {@code null} if the queue is empty
     * @throws IllegalStateException as {@link #take()}
     */
    @SuppressWarnings("unchecked")
    public T poll() {
        requireOpen();
        try {
            return (T) backend.take(0);
        } catch (InterruptedException e) {
            throw new AssertionError("a take that does not wait was interrupted", e);
        }
    }

    /**
     * Takes the item at the head, waiting at most {@code timeout} for one; returns on time:
     * Python's {@code get(timeout=...)}, which raises {@code Empty} where this returns {@code null}.
     *
     * @param timeout the longest to wait; zero or negative does not wait
     * @return the item, or {@code null} if none came in time
     * @throws InterruptedException if interrupted before or while waiting
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException as {@link #take()}
     */
    @SuppressWarnings("unchecked")
    public T poll(Duration timeout) throws InterruptedException {
        requireOpen();
        long nanos = Deadline.nanos(timeout, "timeout");
        return (T) backend.take(nanos);
    }

    /**
     * The number of items in the queue now: Python's {@code qsize()}. Exact at the moment it is
     * read; other processes may change it at any time.
     *
     * @return the number of items
     */
    public int size() {
        return backend.size();
    }

    /**
     * Whether the queue is empty now: Python's {@code empty()}.
     *
     * @return whether it holds no item
     */
    public boolean isEmpty() {
        return backend.size() == 0;
    }

    /**
     * Marks one item put as done, from any process: Python's {@code JoinableQueue.task_done()}.
     * When every item put is done, {@link #join()} returns in every process.
     *
     * @throws IllegalStateException if called more times than items were put, as Python raises
     *     {@code ValueError}
     */
    public void taskDone() {
        requireOpen();
        backend.taskDone();
    }

    /**
     * Waits until every item ever put on the queue has been marked done with {@link #taskDone()}:
     * Python's {@code JoinableQueue.join()}. Returns at once if none is pending. An item taken by
     * a process that dies before its {@code taskDone()} stays pending, as in Python: use
     * {@link #join(Duration)} where that may happen.
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    public void join() throws InterruptedException {
        backend.join(-1);
    }

    /**
     * As {@link #join()}, waiting at most {@code timeout}; returns on time.
     *
     * @param timeout the longest to wait; zero or negative does not wait
     * @return whether every item put has been marked done
     * @throws InterruptedException if interrupted before or while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return backend.join(Deadline.nanos(timeout, "timeout"));
    }

    /**
     * Closes this object: Python's {@code Queue.close()}, "no more items will be put or taken
     * through it". Its later puts and takes throw {@link IllegalStateException}; {@link #size()},
     * {@link #join()} and {@code toString()} still answer. The queue itself, its items and every
     * other object of it, in this process or another, are not affected: nothing is buffered in
     * this process (there is no feeder thread to flush or join, so Python's
     * {@code join_thread()} and {@code cancel_join_thread()} have nothing to do), and the queue's
     * memory goes when the program ends. Idempotent; never throws.
     */
    @Override
    public void close() {
        closed = true;
    }

    private T check(T item) {
        Objects.requireNonNull(item, "a SharedQueue's items cannot be null; put a sentinel value instead");
        requireOpen();
        return item;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this SharedQueue object is closed; other objects of the same queue"
                    + " still work");
        }
    }

    /** Whether {@code other} is a handle to the same queue. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SharedQueue && ((SharedQueue<?>) other).backend.equals(backend);
    }

    @Override
    public int hashCode() {
        return backend.hashCode();
    }

    /**
     * {@code SharedQueue[3 items, 5 unfinished]}, with {@code of at most 10} for a bounded one.
     * The items themselves are not shown: showing them would mean decoding every one.
     */
    @Override
    public String toString() {
        int size = backend.size();
        int capacity = backend.capacity();
        return "SharedQueue[" + size + (size == 1 ? " item" : " items")
                + (capacity > 0 ? " of at most " + capacity : "") + ", " + backend.unfinished() + " unfinished"
                + (closed ? ", this object closed" : "") + "]";
    }
}
