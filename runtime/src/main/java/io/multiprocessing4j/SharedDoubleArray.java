package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.DoubleCells;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-length array of {@code double}s shared by the processes of a program: Python's
 * {@code multiprocessing.Array('d', ...)}.
 * Pass it to a {@code @Worker} or
 * {@code @PoolTask} method like any argument; it arrives as a handle to the same array.
 *
 * <p>Each element access is volatile; {@link #getAndAdd}, {@link #addAndGet} and
 * {@link #compareAndSet} are atomic across processes ({@code compareAndSet} compares
 * the bits of the values, as {@code VarHandle}s do). {@link #toArray()} copies the elements one
 * by one (Python's {@code arr[:]}): each is current, but the copy is not one atomic snapshot.
 * An index outside the array throws {@link IndexOutOfBoundsException} naming the index and the
 * length. {@link #toString()} shows the elements as {@link Arrays#toString(double[])} does.
 */
public final class SharedDoubleArray extends SharedObject {

    private final DoubleCells cells;

    private SharedDoubleArray(Segment segment) {
        super(segment);
        this.cells = new DoubleCells(segment);
    }

    /**
     * A new array of {@code length} zeros.
     *
     * @throws IllegalArgumentException if {@code length} is negative or too large for one segment
     */
    public static SharedDoubleArray create(int length) {
        if (length < 0 || length > (Integer.MAX_VALUE - Header.BYTES) / 8) {
            throw new IllegalArgumentException("a shared double array's length must be 0 to "
                    + (Integer.MAX_VALUE - Header.BYTES) / 8 + ", not " + length);
        }
        return new SharedDoubleArray(Header.create(SharedKind.DOUBLE_ARRAY, DoubleCells.payload(length), length));
    }

    /**
     * A new array holding a copy of {@code values}.
     *
     * @throws NullPointerException if {@code values} is null
     */
    public static SharedDoubleArray of(double... values) {
        Objects.requireNonNull(values, "values");
        SharedDoubleArray array = create(values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    static SharedDoubleArray open(String name) {
        return new SharedDoubleArray(Header.open(name, SharedKind.DOUBLE_ARRAY, DoubleCells::payload));
    }

    /** The number of elements. */
    public int length() {
        return cells.length();
    }

    /** Element {@code i} (a volatile read). */
    public double get(int i) {
        return cells.get(i);
    }

    /** Sets element {@code i} (a volatile write). */
    public void set(int i, double value) {
        cells.set(i, value);
    }

    /** Sets element {@code i} atomically; returns its old value. */
    public double getAndSet(int i, double value) {
        return cells.getAndSet(i, value);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns its old value. */
    public double getAndAdd(int i, double delta) {
        return cells.getAndAdd(i, delta);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns its new value. */
    public double addAndGet(int i, double delta) {
        return cells.getAndAdd(i, delta) + delta;
    }

    /** Adds one to element {@code i} atomically; returns its new value. */
    public double incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    /** Sets element {@code i} to {@code newValue} if it is {@code expectedValue}, atomically. */
    public boolean compareAndSet(int i, double expectedValue, double newValue) {
        return cells.compareAndSet(i, expectedValue, newValue);
    }

    /** A copy of the elements (Python's {@code arr[:]}). */
    public double[] toArray() {
        return cells.toArray();
    }

    /** The elements, as {@link Arrays#toString(double[])} shows them. */
    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
