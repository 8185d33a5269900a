package io.multiprocessing4j.internal.channel;

import io.multiprocessing4j.internal.shm.Atomics;
import io.multiprocessing4j.internal.shm.Futex;
import io.multiprocessing4j.internal.shm.RobustLock;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.wire.Encoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Records (strings of bytes) in first-in, first-out order in shared memory, that any thread of
 * any process appends and removes: what a queue and each direction of a pipe are made of.
 *
 * <p><b>Where the bytes are.</b> The ring's control words live at {@code base} of its owner's
 * segment (the queue's or the pipe's), which is what travels between processes; the records live
 * in a ring segment of their own, a power of two of bytes, made by the first append. When a record
 * does not fit in the room left, the appender makes a ring twice as large (or as large as needed),
 * copies the records over, and switches every process to it by raising the generation; the old
 * ring's file is deleted. When the ring is empty and at least {@value #SHRINK_FACTOR} times its
 * initial size, an append of a small record switches back to a ring of the initial size. So an
 * append never waits for room (a bounded queue's capacity in items is its owner's business), and
 * a ring holds up to 1 GiB ({@link #MAX_RING}) of records at once, each up to that size less four
 * bytes. A process maps a ring when it first sees its generation, and drops its mapping of an old
 * ring then (the JDK unmaps it when it is collected).
 *
 * <p><b>Layout</b> at {@code base} ({@value #BYTES} bytes, 8-aligned):
 * <pre>
 *   +0    RobustLock: appenders
 *   +32   RobustLock: removers
 *   +64   long tail word: records ever appended (high 32 bits) | tail position (low 32 bits)
 *   +72   long head word: records ever removed (high 32 bits) | head position (low 32 bits)
 *   +80   long generation: 0 before the first ring; g &gt; 0: the ring named in slot g &amp; 1; -1 once discarded
 *   +88   WaitWord: records (takers wait on it)
 *   +96   WaitWord: room (appenders to a full bounded queue wait on it)
 *   +128  two name slots of 64 bytes: int name length, int ring size, the ring segment's name in ASCII
 * </pre>
 * Positions count bytes modulo 2<sup>32</sup>, and counts records modulo 2<sup>32</sup>: a ring
 * holds at most 2<sup>30</sup> bytes, so the differences are exact. A record at position
 * {@code p} is a 4-byte header (its length, and {@link #RAW} for raw bytes) at
 * {@code p mod size}, then its bytes, wrapping around the end of the ring.
 *
 * <p><b>Every change commits with one write.</b> An appender, under the appenders' lock, writes the
 * record into free room, then publishes it with one volatile write of the tail word; a remover,
 * under the removers' lock, copies the first record out, then frees it with one write of the head
 * word. Appenders and removers do not wait for each other: a remover reads only what a tail word
 * published, and an appender writes only where the head word has freed (the head only moves on,
 * so what it read is never too little). A process killed anywhere therefore leaves a record either
 * whole and there, or not there at all: half written, it is in free room and overwritten by the
 * next append; half read, it is still first. The lock it held is taken over by the next process
 * that wants it, within about a quarter of a second ({@link RobustLock}), and nothing needs
 * repair. Making a new ring takes both locks (appenders' first), copies, writes the new ring's name
 * into the slot the current generation does not use, and commits by raising the generation with
 * one write; a process killed before that leaves the current ring as it was, and one killed after
 * leaves the old ring's file, which the next new ring deletes from its slot (as it deletes a new
 * ring that a killed process never switched to).
 *
 * <p><b>Waiting</b> is on the two {@link WaitWord}s, outside the locks: an appender signals
 * {@linkplain #forRecords() records}, a remover signals {@linkplain #forRoom() room}.
 *
 * <p>Thread-safe. Lock order: appenders' lock before removers' lock; neither is held while waiting
 * or while calling out.
 */
public final class RecordRing {

    /** Set in a record's header when it holds raw bytes rather than an encoded value. */
    public static final int RAW = 1 << 31;
    /** The largest ring: the records of a queue, or of a pipe's direction, stay below this. */
    public static final int MAX_RING = 1 << 30;
    /** What {@link #remove} returns when the first record is not of the sort asked for. */
    static final byte[] OTHER_SORT = new byte[0];
    private static final int SHRINK_FACTOR = 16;
    private static final int RECORD_HEADER = 4;

    private static final int APPEND_LOCK = 0;
    private static final int REMOVE_LOCK = RobustLock.BYTES;
    private static final int TAIL = 2 * RobustLock.BYTES;
    private static final int HEAD = TAIL + 8;
    private static final int GENERATION = HEAD + 8;
    private static final int RECORDS_WAIT = GENERATION + 8;
    private static final int ROOM_WAIT = RECORDS_WAIT + WaitWord.BYTES;
    private static final int SLOTS = 128;
    private static final int SLOT_BYTES = 64;
    private static final int SLOT_NAME = 8;
    /** The bytes the control words take at {@code base}. */
    public static final int BYTES = SLOTS + 2 * SLOT_BYTES;

    /** How an append ended. */
    public enum Append {
        /** The record is in the ring. */
        DONE,
        /** The ring holds its owner's capacity of records already. */
        FULL,
        /** The ring was {@linkplain #discard() discarded}. */
        DISCARDED
    }

    private final Segment control;
    private final int base;
    private final RobustLock appendLock;
    private final RobustLock removeLock;
    private final WaitWord records;
    private final WaitWord room;
    private final int initialBytes;
    private final Current current;

    /** A mapping of one generation's ring, immutable; {@code ring} is null before the first and once discarded. */
    private static final class View {
        final long generation;
        final Segment ring;
        final ByteBuffer bytes;
        final int mask;

        View(long generation, Segment ring) {
            this.generation = generation;
            this.ring = ring;
            this.bytes = ring == null ? null : ring.buffer();
            this.mask = ring == null ? 0 : ring.size() - 1;
        }
    }

    /** This process's latest view of one ring, shared by every view of the ring here. */
    private static final class Current {
        volatile View view = new View(0, null);
    }

    /**
     * A view of the ring whose control words are at {@code base} of {@code control} (zeroed when
     * the segment was made: an empty ring without a ring segment yet).
     *
     * @param initialBytes the size of its first ring, a power of two
     */
    public RecordRing(Segment control, int base, int initialBytes) {
        if (Integer.bitCount(initialBytes) != 1 || initialBytes > MAX_RING) {
            throw new IllegalArgumentException("a ring's size is a power of two up to " + MAX_RING + ", not "
                    + initialBytes);
        }
        this.control = control;
        this.base = base;
        this.appendLock = new RobustLock(control, base + APPEND_LOCK, false);
        this.removeLock = new RobustLock(control, base + REMOVE_LOCK, false);
        this.records = new WaitWord(control, base + RECORDS_WAIT);
        this.room = new WaitWord(control, base + ROOM_WAIT);
        this.initialBytes = initialBytes;
        this.current = (Current) control.local(base + GENERATION, Current::new);
        Futex.prepare();
        ChannelWarmup.start();
    }

    /** The segment of the control words. */
    Segment control() {
        return control;
    }

    /** What takers wait on: signalled after every append. */
    WaitWord forRecords() {
        return records;
    }

    /** What appenders to a full ring wait on: signalled after every removal. */
    WaitWord forRoom() {
        return room;
    }

    /** The records in the ring now. */
    public int recordsNow() {
        long head = getLong(HEAD); // head first: then the tail read after it is at least as far
        long tail = getLong(TAIL);
        return (int) (tail >>> 32) - (int) (head >>> 32);
    }

    /** Records ever appended, modulo 2<sup>32</sup>. */
    int appendedNow() {
        return (int) (getLong(TAIL) >>> 32);
    }

    // ---- appending ----

    /**
     * Appends {@code message}'s bytes as one record, unless the ring holds {@code capacity}
     * records already (0: no bound), making a larger ring first if it does not fit.
     *
     * @throws IllegalStateException if the records would exceed {@link #MAX_RING}, or the ring's
     *     segment is gone (its program has ended)
     * @throws java.io.UncheckedIOException if a larger ring cannot be made (shared memory is full)
     */
    public Append append(Encoder message, int capacity) {
        return append(message, null, 0, message.size(), capacity);
    }

    /**
     * Appends {@code length} raw bytes of {@code bytes} from {@code offset} as one record; as
     * {@link #append(Encoder, int)}.
     */
    public Append append(byte[] bytes, int offset, int length, int capacity) {
        return append(null, bytes, offset, length, capacity);
    }

    private Append append(Encoder message, byte[] bytes, int offset, int length, int capacity) {
        lock(appendLock);
        Append outcome;
        try {
            outcome = appendLocked(message, bytes, offset, length, capacity);
        } finally {
            appendLock.unlock();
        }
        if (outcome == Append.DONE) {
            records.signal(false);
        }
        return outcome;
    }

    private Append appendLocked(Encoder message, byte[] bytes, int offset, int length, int capacity) {
        View view = view();
        if (view.generation < 0) {
            return Append.DISCARDED;
        }
        long tail = getLong(TAIL);
        long head = getLong(HEAD);
        int appended = (int) (tail >>> 32);
        if (capacity > 0 && appended - (int) (head >>> 32) >= capacity) {
            return Append.FULL;
        }
        long used = ((int) tail - (int) head) & 0xFFFFFFFFL;
        long need = RECORD_HEADER + (long) length;
        int size = view.ring == null ? 0 : view.mask + 1;
        if (used + need > size) {
            view = replace(view, grownSize(used + need, size));
        } else if (used == 0 && size >= SHRINK_FACTOR * initialBytes && need <= initialBytes) {
            view = replace(view, initialBytes);
        }
        int at = (int) tail;
        writeHeader(view, at, length | (bytes != null ? RAW : 0));
        int index = (at + RECORD_HEADER) & view.mask;
        int first = Math.min(length, view.mask + 1 - index);
        if (message != null) {
            message.copyTo(0, first, view.bytes, index);
            if (first < length) {
                message.copyTo(first, length - first, view.bytes, 0);
            }
        } else {
            view.bytes.put(index, bytes, offset, first);
            if (first < length) {
                view.bytes.put(0, bytes, offset + first, length - first);
            }
        }
        setLong(TAIL, ((long) (appended + 1) << 32) | ((at + need) & 0xFFFFFFFFL));
        return Append.DONE;
    }

    private int grownSize(long needed, int size) {
        if (needed > MAX_RING) {
            throw new IllegalStateException("this queue or pipe would hold " + needed + " bytes of encoded items, more"
                    + " than the 1 GiB one holds at once: take items out faster, or bound the queue with a capacity so"
                    + " that putters wait");
        }
        long grown = Math.max(Math.max(initialBytes, 2L * size), Long.highestOneBit(needed - 1) << 1);
        return (int) Math.min(grown, MAX_RING);
    }

    /**
     * Makes a ring of {@code size} bytes, copies the records into it, and makes it current:
     * under the appenders' lock (held), taking the removers' too.
     */
    private View replace(View old, int size) {
        lock(removeLock);
        try {
            long head = getLong(HEAD);
            long tail = getLong(TAIL);
            int slot = (int) ((old.generation + 1) & 1);
            String stale = readName(slot);
            if (stale != null && (old.ring == null || !stale.equals(old.ring.name()))) {
                Segment.delete(stale); // an old ring a killed process did not delete, or a new one it did not switch to
            }
            Segment fresh = Segment.create("ring", size);
            View view = new View(old.generation + 1, fresh);
            try {
                int at = (int) head;
                int left = (int) (((int) tail - at) & 0xFFFFFFFFL);
                while (left > 0) {
                    int from = at & old.mask;
                    int into = at & view.mask;
                    int run = Math.min(left, Math.min(old.mask + 1 - from, size - into));
                    view.bytes.put(into, old.bytes, from, run);
                    at += run;
                    left -= run;
                }
                writeSlot(slot, fresh.name(), size);
            } catch (RuntimeException | Error e) {
                fresh.delete();
                throw e;
            }
            setLong(GENERATION, view.generation);
            current.view = view;
            if (old.ring != null) {
                old.ring.delete();
            }
            return view;
        } finally {
            removeLock.unlock();
        }
    }

    // ---- removing ----

    /**
     * Removes the first record and returns its bytes; {@code null} if there is none, or
     * {@link #OTHER_SORT} (and nothing removed) if it is not of the sort asked for.
     *
     * @param raw true for a record of raw bytes, false for an encoded value, null for either
     * @throws IllegalStateException if the record's header is impossible (the ring is corrupt), or
     *     the ring's segment is gone (its program has ended)
     */
    public byte[] remove(Boolean raw) {
        lock(removeLock);
        byte[] record;
        try {
            record = removeLocked(raw);
        } finally {
            removeLock.unlock();
        }
        if (record != null && record != OTHER_SORT) {
            room.signal(false);
        }
        return record;
    }

    private byte[] removeLocked(Boolean raw) {
        View view = view();
        long head = getLong(HEAD);
        long tail = getLong(TAIL);
        int removed = (int) (head >>> 32);
        if ((int) (tail >>> 32) == removed || view.ring == null) {
            return null;
        }
        int at = (int) head;
        int header = readHeader(view, at);
        if (raw != null && raw != ((header & RAW) != 0)) {
            return OTHER_SORT;
        }
        int length = header & ~RAW;
        long used = ((int) tail - at) & 0xFFFFFFFFL;
        if (RECORD_HEADER + (long) length > used) {
            throw new IllegalStateException("a record of " + length + " bytes runs past the last of " + used
                    + " bytes in the ring: the queue or pipe is corrupt");
        }
        byte[] record = new byte[length];
        int index = (at + RECORD_HEADER) & view.mask;
        int first = Math.min(length, view.mask + 1 - index);
        view.bytes.get(index, record, 0, first);
        if (first < length) {
            view.bytes.get(0, record, first, length - first);
        }
        setLong(HEAD, ((long) (removed + 1) << 32) | ((at + RECORD_HEADER + length) & 0xFFFFFFFFL));
        return record;
    }

    /**
     * Empties the ring for good and deletes its ring segment: for a pipe whose ends are both
     * closed. Later appends append nothing; later removals find nothing.
     */
    public void discard() {
        lock(appendLock);
        try {
            lock(removeLock);
            try {
                View view = view();
                if (view.generation < 0) {
                    return;
                }
                setLong(GENERATION, -1);
                setLong(HEAD, getLong(TAIL));
                current.view = new View(-1, null);
                if (view.ring != null) {
                    view.ring.delete();
                }
            } finally {
                removeLock.unlock();
            }
        } finally {
            appendLock.unlock();
        }
        records.signal(true);
        room.signal(true);
    }

    // ---- the current ring ----

    /** This process's view of the current ring, mapping it if the generation moved on; under either lock. */
    private View view() {
        long generation = getLong(GENERATION);
        View view = current.view;
        if (view.generation == generation) {
            return view;
        }
        if (generation <= 0) {
            view = new View(generation, null);
        } else {
            int slot = (int) (generation & 1);
            String name = readName(slot);
            int size = (int) Atomics.INT.getVolatile(control.buffer(), slotAt(slot) + 4);
            if (name == null || Integer.bitCount(size) != 1 || size > MAX_RING) {
                throw new IllegalStateException("ring slot " + slot + " of " + control.name() + " names no ring of a"
                        + " valid size (" + size + " bytes): the queue or pipe is corrupt");
            }
            Segment ring;
            try {
                ring = Segment.open(name, size);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the memory of this queue or pipe is gone: " + e.getMessage(), e);
            }
            if (ring.size() != size) {
                throw new IllegalStateException("ring segment " + name + " has " + ring.size() + " bytes, not " + size
                        + ": the queue or pipe is corrupt");
            }
            view = new View(generation, ring);
        }
        current.view = view;
        return view;
    }

    private static void lock(RobustLock lock) {
        if (lock.tryLock()) {
            return;
        }
        try {
            lock.lock(-1, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    // ---- bytes ----

    private static void writeHeader(View view, int at, int header) {
        for (int i = 0; i < RECORD_HEADER; i++) {
            view.bytes.put((at + i) & view.mask, (byte) (header >>> (8 * i)));
        }
    }

    private static int readHeader(View view, int at) {
        int header = 0;
        for (int i = 0; i < RECORD_HEADER; i++) {
            header |= (view.bytes.get((at + i) & view.mask) & 0xFF) << (8 * i);
        }
        return header;
    }

    private int slotAt(int slot) {
        return base + SLOTS + slot * SLOT_BYTES;
    }

    /** Writes a name and size into a slot no process reads now (the one the current generation does not use). */
    private void writeSlot(int slot, String name, int size) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > SLOT_BYTES - SLOT_NAME) {
            throw new IllegalStateException("segment name " + name + " is too long for a ring's name slot");
        }
        int at = slotAt(slot);
        control.buffer().put(at + SLOT_NAME, ascii, 0, ascii.length);
        Atomics.INT.setVolatile(control.buffer(), at + 4, size);
        Atomics.INT.setVolatile(control.buffer(), at, ascii.length);
    }

    /** The name in a slot, or null if it has none. */
    private String readName(int slot) {
        int at = slotAt(slot);
        int length = (int) Atomics.INT.getVolatile(control.buffer(), at);
        if (length <= 0 || length > SLOT_BYTES - SLOT_NAME) {
            return null;
        }
        byte[] ascii = new byte[length];
        control.buffer().get(at + SLOT_NAME, ascii, 0, length);
        return new String(ascii, StandardCharsets.US_ASCII);
    }

    private long getLong(int offset) {
        return (long) Atomics.LONG.getVolatile(control.buffer(), base + offset);
    }

    private void setLong(int offset, long value) {
        Atomics.LONG.setVolatile(control.buffer(), base + offset, value);
    }
}
