package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.LongCells;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-length array of {@code long}s shared by the processes of a program: Python's
 * {@code multiprocessing.Array('q', ...)}, with the element methods of
 * {@link java.util.concurrent.atomic.AtomicLongArray}. Pass it to a {@code @Worker} or
 * {@code @PoolTask} method like any argument; it arrives as a handle to the same array.
 *
 * <p>Each element access is volatile; {@link #getAndAdd}, {@link #addAndGet} and
 * {@link #compareAndSet} are atomic across processes. {@link #toArray()} copies the elements one
 * by one (Python's {@code arr[:]}): each is current, but the copy is not one atomic snapshot.
 * An index outside the array throws {@link IndexOutOfBoundsException} naming the index and the
 * length. {@link #toString()} shows the elements as {@link Arrays#toString(long[])} does.
 */
public final class SharedLongArray extends SharedObject {

    private final LongCells cells;

    private SharedLongArray(Segment segment) {
        super(segment);
        this.cells = new LongCells(segment);
    }

    /**
     * A new array of {@code length} zeros.
     *
     * @throws IllegalArgumentException if {@code length} is negative or too large for one segment
     */
    public static SharedLongArray create(int length) {
        if (length < 0 || length > (Integer.MAX_VALUE - Header.BYTES) / 8) {
            throw new IllegalArgumentException("a shared long array's length must be 0 to "
                    + (Integer.MAX_VALUE - Header.BYTES) / 8 + ", not " + length);
        }
        return new SharedLongArray(Header.create(SharedKind.LONG_ARRAY, LongCells.payload(length), length));
    }

    /**
     * A new array holding a copy of {@code values}.
     *
     * @throws NullPointerException if {@code values} is null
     */
    public static SharedLongArray of(long... values) {
        Objects.requireNonNull(values, "values");
        SharedLongArray array = create(values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    static SharedLongArray open(String name) {
        return new SharedLongArray(Header.open(name, SharedKind.LONG_ARRAY, LongCells::payload));
    }

    /** The number of elements. */
    public int length() {
        return cells.length();
    }

    /** Element {@code i} (a volatile read). */
    public long get(int i) {
        return cells.get(i);
    }

    /** Sets element {@code i} (a volatile write). */
    public void set(int i, long value) {
        cells.set(i, value);
    }

    /** Sets element {@code i} atomically; returns its old value. */
    public long getAndSet(int i, long value) {
        return cells.getAndSet(i, value);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns its old value. */
    public long getAndAdd(int i, long delta) {
        return cells.getAndAdd(i, delta);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns its new value. */
    public long addAndGet(int i, long delta) {
        return cells.getAndAdd(i, delta) + delta;
    }

    /** Adds one to element {@code i} atomically; returns its new value. */
    public long incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    /** Sets element {@code i} to {@code newValue} if it is {@code expectedValue}, atomically. */
    public boolean compareAndSet(int i, long expectedValue, long newValue) {
        return cells.compareAndSet(i, expectedValue, newValue);
    }

    /** A copy of the elements (Python's {@code arr[:]}). */
    public long[] toArray() {
        return cells.toArray();
    }

    /** The elements, as {@link Arrays#toString(long[])} shows them. */
    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
