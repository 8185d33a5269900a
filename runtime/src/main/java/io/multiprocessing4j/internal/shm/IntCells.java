package io.multiprocessing4j.internal.shm;

import java.util.Objects;

/**
 * {@code int}s in a segment, read and written with volatile and atomic access: the state behind
 * {@code SharedInt} (one cell) and {@code SharedIntArray}. The header's detail is the length;
 * the cells follow it, 4 bytes each.
 *
 * <p>Every access is at least volatile, and the read-modify-write ones are single atomic
 * instructions on the shared mapping, atomic across processes as across threads. An index outside
 * the cells fails with {@code IndexOutOfBoundsException} naming the index and the length, before
 * any memory is touched.
 */
public final class IntCells {

    private final Segment segment;
    private final int length;

    /** A view of the cells in {@code segment}. */
    public IntCells(Segment segment) {
        this.segment = segment;
        this.length = Header.detail(segment);
    }

    /** The bytes after the header for {@code length} cells. */
    public static int payload(int length) {
        return Math.multiplyExact(length, 4);
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
        return Header.BYTES + 4 * Objects.checkIndex(index, length);
    }

    public int get(int index) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), at(index));
    }

    public void set(int index, int value) {
        Atomics.INT.setVolatile(segment.buffer(), at(index), value);
    }

    public int getAndSet(int index, int value) {
        return (int) Atomics.INT.getAndSet(segment.buffer(), at(index), value);
    }

    public int getAndAdd(int index, int delta) {
        return (int) Atomics.INT.getAndAdd(segment.buffer(), at(index), delta);
    }

    public boolean compareAndSet(int index, int expected, int value) {
        return Atomics.INT.compareAndSet(segment.buffer(), at(index), expected, value);
    }

    /** A copy of every cell, each read volatile (not one atomic snapshot of all). */
    public int[] toArray() {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = (int) Atomics.INT.getVolatile(segment.buffer(), Header.BYTES + 4 * i);
        }
        return values;
    }

    /** Cell {@code index} alone, as what a {@code SharedInt} is underneath. */
    public IntBackend cell(int index) {
        at(index);
        return new IntBackend() {
            @Override
            public int get() {
                return IntCells.this.get(index);
            }

            @Override
            public void set(int value) {
                IntCells.this.set(index, value);
            }

            @Override
            public int getAndSet(int value) {
                return IntCells.this.getAndSet(index, value);
            }

            @Override
            public int getAndAdd(int delta) {
                return IntCells.this.getAndAdd(index, delta);
            }

            @Override
            public boolean compareAndSet(int expected, int value) {
                return IntCells.this.compareAndSet(index, expected, value);
            }
        };
    }
}
