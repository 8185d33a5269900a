package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.IntCells;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-length array of {@code int}s shared by the processes of a program: Python's
 * {@code multiprocessing.Array('i', ...)}, with the element methods of
 * {@link java.util.concurrent.atomic.AtomicIntegerArray}. Pass it to a {@code @Worker} or
 * {@code @PoolTask} method like any argument; it arrives as a handle to the same array.
 *
 * <p>Each element access is volatile; {@link #getAndAdd}, {@link #addAndGet} and
 * {@link #compareAndSet} are atomic across processes. {@link #toArray()} copies the elements one
 * by one (Python's {@code arr[:]}): each is current, but the copy is not one atomic snapshot.
 * An index outside the array throws {@link IndexOutOfBoundsException} naming the index and the
 * length. {@link #toString()} shows the elements as {@link Arrays#toString(int[])} does.
 */
public final class SharedIntArray extends SharedObject {

    private final IntCells cells;

    private SharedIntArray(Segment segment) {
        super(segment);
        this.cells = new IntCells(segment);
    }

    /**
     * A new array of {@code length} zeros.
     *
     * @throws IllegalArgumentException if {@code length} is negative or too large for one segment
     */
    public static SharedIntArray create(int length) {
        if (length < 0 || length > (Integer.MAX_VALUE - Header.BYTES) / 4) {
            throw new IllegalArgumentException("a shared int array's length must be 0 to "
                    + (Integer.MAX_VALUE - Header.BYTES) / 4 + ", not " + length);
        }
        return new SharedIntArray(Header.create(SharedKind.INT_ARRAY, IntCells.payload(length), length));
    }

    /**
     * A new array holding a copy of {@code values}.
     *
     * @throws NullPointerException if {@code values} is null
     */
    public static SharedIntArray of(int... values) {
        Objects.requireNonNull(values, "values");
        SharedIntArray array = create(values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    static SharedIntArray open(String name) {
        return new SharedIntArray(Header.open(name, SharedKind.INT_ARRAY, IntCells::payload));
    }

    /** The number of elements. */
    public int length() {
        return cells.length();
    }

    /** Element {@code i} (a volatile read). */
    public int get(int i) {
        return cells.get(i);
    }

    /** Sets element {@code i} (a volatile write). */
    public void set(int i, int value) {
        cells.set(i, value);
    }

    /** Sets element {@code i} atomically; returns its old value. */
    public int getAndSet(int i, int value) {
        return cells.getAndSet(i, value);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns its old value. */
    public int getAndAdd(int i, int delta) {
        return cells.getAndAdd(i, delta);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns its new value. */
    public int addAndGet(int i, int delta) {
        return cells.getAndAdd(i, delta) + delta;
    }

    /** Adds one to element {@code i} atomically; returns its new value. */
    public int incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    /** Sets element {@code i} to {@code newValue} if it is {@code expectedValue}, atomically. */
    public boolean compareAndSet(int i, int expectedValue, int newValue) {
        return cells.compareAndSet(i, expectedValue, newValue);
    }

    /** A copy of the elements (Python's {@code arr[:]}). */
    public int[] toArray() {
        return cells.toArray();
    }

    /** The elements, as {@link Arrays#toString(int[])} shows them. */
    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
