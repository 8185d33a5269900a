package io.multiprocessing4j.internal.channel;

import io.multiprocessing4j.internal.shm.Atomics;
import io.multiprocessing4j.internal.shm.Deadline;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import io.multiprocessing4j.internal.wire.Encoder;
import java.util.function.BooleanSupplier;

/**
 * A queue in the program's shared memory, the state behind {@code SharedQueue}: a
 * {@link RecordRing} of encoded items, a bound in items, and the count of tasks done of Python's
 * {@code JoinableQueue}.
 *
 * <p><b>Layout</b> after the {@link Header} (whose detail is the capacity, 0 if unbounded):
 * <pre>
 *   +0    RecordRing ({@value RecordRing#BYTES} bytes)
 *   +256  int tasks done, modulo 2<sup>32</sup>
 *   +260  unused
 *   +264  WaitWord: joiners wait on it, the task done that leaves none unfinished signals it
 * </pre>
 * Unfinished tasks are the items ever appended (the ring counts them in its tail word, which the
 * append's one commit raises) less the tasks done: so a process killed in a {@code put} leaves the
 * count of unfinished tasks exactly as right as the items, with nothing to repair. The difference
 * is exact while fewer than 2<sup>32</sup> tasks are unfinished.
 *
 * <p><b>Put and take.</b> A put encodes the item in the caller's thread, then appends it (one
 * commit); a take removes the first item (one commit) and decodes it after. So an item is in the
 * queue from its append's commit until one removal's commit: exactly once, whoever dies where. A
 * put writes straight into shared memory, with no thread behind it, so an item is in the queue
 * once {@code put} returns, even if its process is killed the next moment. Items put by one
 * thread come out in the order it put them; the queue as a whole is first-in, first-out in the
 * order of the appends' commits.
 *
 * <p><b>Waiting.</b> A taker that finds nothing spins while that pays ({@link Spin}), then sleeps
 * in {@link Deadline} slices
 * on the ring's records; a putter to a full bounded queue sleeps on its room; a joiner on the
 * queue's own wait word. A sleeper uses no CPU.
 *
 * <p>Thread-safe; any number of views in any number of processes.
 */
public final class QueueState implements QueueBackend {

    /** The bytes after the header. */
    public static final int PAYLOAD = RecordRing.BYTES + 16;
    /** The first ring's size: 256 KiB, about 28,000 small items before it grows. */
    static final int INITIAL_RING = 256 << 10;
    private static final int RING = Header.BYTES;
    private static final int DONE = RING + RecordRing.BYTES;
    private static final int JOIN_WAIT = DONE + 8;
    private static final String WHERE = "on a SharedQueue";
    private static final String FROM = "a SharedQueue";

    private final Segment segment;
    private final RecordRing ring;
    private final WaitWord joiners;
    private final int capacity;
    private final Spin spin = new Spin();
    private final BooleanSupplier hasRecords;

    private QueueState(Segment segment) {
        this.segment = segment;
        this.ring = new RecordRing(segment, RING, INITIAL_RING);
        this.hasRecords = () -> ring.recordsNow() > 0;
        this.joiners = new WaitWord(segment, JOIN_WAIT);
        this.capacity = Header.detail(segment);
    }

    /**
     * A new, empty queue.
     *
     * @param capacity the most items it holds, or 0 for no bound
     * @throws java.io.UncheckedIOException if its shared memory cannot be created
     */
    public static QueueState create(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a queue's capacity cannot be negative: " + capacity);
        }
        return new QueueState(Header.create(SharedKind.QUEUE, PAYLOAD, capacity));
    }

    /** An unbounded queue for {@link ChannelWarmup}, its segment's file deleted at once. */
    static QueueState scratch() {
        Segment segment = Header.create(SharedKind.QUEUE, PAYLOAD, 0);
        segment.delete();
        return new QueueState(segment);
    }

    /** Deletes a {@link #scratch()} queue's ring. */
    void discardScratch() {
        ring.discard();
    }

    /**
     * A view of the queue in the segment {@code name}, after checking its header.
     *
     * @throws IllegalArgumentException if it is missing, not a queue, or corrupt
     */
    public static QueueState open(String name) {
        return new QueueState(Header.open(name, SharedKind.QUEUE, detail -> PAYLOAD));
    }

    /** The segment the queue lives in. */
    public Segment segment() {
        return segment;
    }

    @Override
    public boolean put(Object item, long nanos) throws InterruptedException {
        if (nanos != 0 && Thread.interrupted()) {
            throw new InterruptedException();
        }
        Encoder message = Items.encode(item, "put", WHERE);
        try {
            if (ring.append(message, capacity) == RecordRing.Append.DONE) {
                return true;
            }
            if (nanos == 0) {
                return false;
            }
            Deadline deadline = Deadline.in(nanos);
            WaitWord room = ring.forRoom();
            while (true) {
                long slice = deadline.slice();
                if (slice == 0) {
                    return false;
                }
                int seen = room.arm();
                if (ring.recordsNow() < capacity) {
                    room.disarm();
                } else {
                    room.sleep(seen, slice);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                if (ring.append(message, capacity) == RecordRing.Append.DONE) {
                    return true;
                }
            }
        } finally {
            Items.release(message);
        }
    }

    @Override
    public Object take(long nanos) throws InterruptedException {
        if (nanos != 0 && Thread.interrupted()) {
            throw new InterruptedException();
        }
        byte[] item = tryRemove();
        if (item == null && nanos != 0) {
            item = await(nanos);
        }
        return item == null ? null : Items.decode(item, FROM);
    }

    private byte[] await(long nanos) throws InterruptedException {
        spin.spin(hasRecords, nanos < 0 ? Long.MAX_VALUE : nanos);
        Deadline deadline = Deadline.in(nanos);
        WaitWord records = ring.forRecords();
        while (true) {
            byte[] item = tryRemove();
            if (item != null) {
                return item;
            }
            long slice = deadline.slice();
            if (slice == 0) {
                return null;
            }
            int seen = records.arm();
            if (ring.recordsNow() > 0) {
                records.disarm();
                continue;
            }
            records.sleep(seen, slice);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Removes the first item's bytes, or returns {@code null} if there is none. */
    private byte[] tryRemove() {
        return ring.recordsNow() == 0 ? null : ring.remove(null);
    }

    @Override
    public int size() {
        return ring.recordsNow();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public long unfinished() {
        int done = done();
        return (ring.appendedNow() - done) & 0xFFFFFFFFL;
    }

    private int done() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), DONE);
    }

    @Override
    public void taskDone() {
        while (true) {
            int done = done(); // before the count appended, which then is at least as far
            if (ring.appendedNow() == done) {
                throw new IllegalStateException("taskDone() called more times than items were put on the queue"
                        + " (Python's ValueError: task_done() called too many times)");
            }
            if (Atomics.INT.compareAndSet(segment.buffer(), DONE, done, done + 1)) {
                if (ring.appendedNow() == done + 1) {
                    joiners.signal(true);
                }
                return;
            }
        }
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Deadline deadline = Deadline.in(nanos);
        while (true) {
            if (unfinished() == 0) {
                return true;
            }
            long slice = deadline.slice();
            if (slice == 0) {
                return false;
            }
            int seen = joiners.arm();
            if (unfinished() == 0) {
                joiners.disarm();
                return true;
            }
            joiners.sleep(seen, slice);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The name in this queue's handle on the wire, which opens it in another process. */
    public String handleName() {
        return segment.name();
    }

    /** Whether {@code other} is a view of the same queue. */
    @Override
    public boolean equals(Object other) {
        return other instanceof QueueState && ((QueueState) other).segment.name().equals(segment.name());
    }

    @Override
    public int hashCode() {
        return segment.name().hashCode();
    }
}
