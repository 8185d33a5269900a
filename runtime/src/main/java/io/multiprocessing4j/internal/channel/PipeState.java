package io.multiprocessing4j.internal.channel;

import io.multiprocessing4j.internal.shm.Atomics;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Lease;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;

/**
 * A duplex pipe in the program's shared memory, the state behind {@code Pipe} and its two
 * {@code Connection}s: two ends, each owned by one process, and a {@link RecordRing} for each
 * direction.
 *
 * <p><b>Layout</b> after the {@link Header}:
 * <pre>
 *   +0    end 0 (left):  int word, int owner's pid, int how it closed, int unused
 *   +16   end 1 (right): the same
 *   +32   RecordRing carrying what end 0 sends to end 1
 *   +288  RecordRing carrying what end 1 sends to end 0
 * </pre>
 *
 * <p><b>An end's word</b> says everything about who has it, in one word that changes only by
 * compare-and-swap: the owner's {@link Lease} token in the low 30 bits, {@link #IN_TRANSIT} while
 * its owner has sent it to another process that has not received it yet, {@link #CLOSED} once it
 * is closed, for good. The transitions, each one CAS ({@link PipeEnd} makes them):
 * <pre>
 *   made:        both words are the creator's token
 *   sent:        token          -&gt; token | IN_TRANSIT     (the owner writes its handle)
 *   received:    anything open  -&gt; receiver's token       (the receiver reads the handle)
 *   closed:      token          -&gt; token | CLOSED         (by the owner, or at its orderly exit)
 *   owner died:  word           -&gt; word | CLOSED          (by whoever finds its lease gone)
 * </pre>
 * The pid beside it and how it closed are only for messages.
 *
 * <p><b>Both ends closed.</b> Whoever closes the second end discards both rings (their segments
 * are deleted): no one can send or receive any more.
 *
 * <p>Thread-safe; any number of views in any number of processes.
 */
public final class PipeState {

    /** The bytes after the header. */
    public static final int PAYLOAD = 32 + 2 * RecordRing.BYTES;
    /** Set in an end's word once it is closed. */
    static final int CLOSED = 1 << 31;
    /** Set in an end's word while its owner has sent it and the receiver has not yet received it. */
    static final int IN_TRANSIT = 1 << 30;
    /** The owner's token in an end's word. */
    static final int TOKEN = IN_TRANSIT - 1;
    /** How an end closed: its owner closed it. */
    static final int BY_OWNER = 1;
    /** How an end closed: its owner's process ended. */
    static final int OWNER_ENDED = 2;
    /** Each direction's first ring: 64 KiB, as a Linux pipe's buffer. */
    static final int INITIAL_RING = 64 << 10;

    private static final int ENDS = Header.BYTES;
    private static final int END_BYTES = 16;
    private static final int RINGS = ENDS + 2 * END_BYTES;

    private final Segment segment;
    /** {@code rings[e]} carries what end {@code e} sends. */
    private final RecordRing[] rings;

    private PipeState(Segment segment) {
        this.segment = segment;
        this.rings = new RecordRing[] {new RecordRing(segment, RINGS, INITIAL_RING),
            new RecordRing(segment, RINGS + RecordRing.BYTES, INITIAL_RING)};
    }

    /**
     * A new pipe, both ends owned by this process.
     *
     * @throws java.io.UncheckedIOException if its shared memory cannot be created
     */
    public static PipeState create() {
        Segment segment = Header.create(SharedKind.PIPE, PAYLOAD, 0);
        int me = Lease.token();
        for (int end = 0; end < 2; end++) {
            Atomics.INT.setVolatile(segment.buffer(), pidAt(end), (int) ProcessHandle.current().pid());
            Atomics.INT.setVolatile(segment.buffer(), wordAt(end), me);
        }
        PipeState pipe = new PipeState(segment);
        OwnedEnds.register(pipe);
        return pipe;
    }

    /**
     * A pipe for {@link ChannelWarmup}: both ends this process's, its segment's file deleted at
     * once, and not closed at exit.
     */
    static PipeState scratch() {
        Segment segment = Header.create(SharedKind.PIPE, PAYLOAD, 0);
        segment.delete();
        int me = Lease.token();
        Atomics.INT.setVolatile(segment.buffer(), wordAt(0), me);
        Atomics.INT.setVolatile(segment.buffer(), wordAt(1), me);
        return new PipeState(segment);
    }

    /** Deletes a {@link #scratch()} pipe's rings. */
    void discardScratch() {
        rings[0].discard();
        rings[1].discard();
    }

    /**
     * A view of the pipe in the segment {@code name}, after checking its header. It claims no end:
     * {@link PipeEnd#claim()} does.
     *
     * @throws IllegalArgumentException if it is missing, not a pipe, or corrupt
     */
    public static PipeState open(String name) {
        return new PipeState(Header.open(name, SharedKind.PIPE, detail -> PAYLOAD));
    }

    /** The segment the pipe lives in. */
    public Segment segment() {
        return segment;
    }

    /** A view of end {@code end} (0 left, 1 right). */
    public PipeEnd end(int end) {
        return new PipeEnd(this, end);
    }

    /** The ring that carries what end {@code end} sends. */
    RecordRing ring(int end) {
        return rings[end];
    }

    int word(int end) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), wordAt(end));
    }

    boolean compareAndSet(int end, int expected, int word) {
        return Atomics.INT.compareAndSet(segment.buffer(), wordAt(end), expected, word);
    }

    int pid(int end) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), pidAt(end));
    }

    void setPid(int end, int pid) {
        Atomics.INT.setVolatile(segment.buffer(), pidAt(end), pid);
    }

    int how(int end) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), wordAt(end) + 8);
    }

    /**
     * Closes end {@code end} if its word is still {@code seen} (open), recording {@code how}: wakes
     * every receiver on both ends, and discards both rings if the other end is closed too.
     *
     * @return whether this call closed it
     */
    boolean close(int end, int seen, int how) {
        if ((seen & CLOSED) != 0) {
            return false;
        }
        // before the word, so that whoever sees it closed can say how; two closers racing are the
        // owner and a checker that found it dead, which cannot both be right
        Atomics.INT.setVolatile(segment.buffer(), wordAt(end) + 8, how);
        if (!compareAndSet(end, seen, seen | CLOSED)) {
            return false;
        }
        rings[end].forRecords().signal(true);
        rings[1 - end].forRecords().signal(true);
        if ((word(1 - end) & CLOSED) != 0) {
            rings[0].discard();
            rings[1].discard();
        }
        return true;
    }

    /** Closes the ends this process owns (sent or not): at its orderly exit. */
    void closeOwnedBy(int token) {
        for (int end = 0; end < 2; end++) {
            int seen = word(end);
            if ((seen & CLOSED) == 0 && (seen & TOKEN) == token) {
                close(end, seen, OWNER_ENDED);
            }
        }
    }

    /** Whether process {@code token} owns neither end any more (or both are closed). */
    boolean ownsNothing(int token) {
        for (int end = 0; end < 2; end++) {
            int seen = word(end);
            if ((seen & CLOSED) == 0 && (seen & TOKEN) == token) {
                return false;
            }
        }
        return true;
    }

    private static int wordAt(int end) {
        return ENDS + end * END_BYTES;
    }

    private static int pidAt(int end) {
        return wordAt(end) + 4;
    }
}
