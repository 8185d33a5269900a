package io.multiprocessing4j.internal.shm;

import java.util.Objects;

/**
 * {@code long}s in a segment, read and written with volatile and atomic access: the state behind
 * {@code SharedLong} (one cell) and {@code SharedLongArray}. The header's detail is the length;
 * the cells follow it, 8 bytes each.
 *
 * <p>Every access is at least volatile, and the read-modify-write ones are single atomic
 * instructions on the shared mapping, atomic across processes as across threads. An index outside
 * the cells fails with {@code IndexOutOfBoundsException} naming the index and the length, before
 * any memory is touched.
 */
public final class LongCells {

    private final Segment segment;
    private final int length;

    /** A view of the cells in {@code segment}. */
    public LongCells(Segment segment) {
        this.segment = segment;
        this.length = Header.detail(segment);
    }

    /** The bytes after the header for {@code length} cells. */
    public static int payload(int length) {
        return Math.multiplyExact(length, 8);
    }

    /** The segment the cells live in. */
    public Segment segment() {
        return segment;
    }

    /** The number of cells. */
    public int length() {
        return length;
    }

    private int at(int index) {
        return Header.BYTES + 8 * Objects.checkIndex(index, length);
    }

    public long get(int index) {
        return (long) Atomics.LONG.getVolatile(segment.buffer(), at(index));
    }

    public void set(int index, long value) {
        Atomics.LONG.setVolatile(segment.buffer(), at(index), value);
    }

    public long getAndSet(int index, long value) {
        return (long) Atomics.LONG.getAndSet(segment.buffer(), at(index), value);
    }

    public long getAndAdd(int index, long delta) {
        return (long) Atomics.LONG.getAndAdd(segment.buffer(), at(index), delta);
    }

    public boolean compareAndSet(int index, long expected, long value) {
        return Atomics.LONG.compareAndSet(segment.buffer(), at(index), expected, value);
    }

    /** A copy of every cell, each read volatile (not one atomic snapshot of all). */
    public long[] toArray() {
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = (long) Atomics.LONG.getVolatile(segment.buffer(), Header.BYTES + 8 * i);
        }
        return values;
    }
}
