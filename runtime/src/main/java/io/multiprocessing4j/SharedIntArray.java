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
 * <p><b>Guarantees.</b> Each element access is volatile, ordered between processes as volatile
 * accesses are between threads; {@link #getAndSet}, {@link #getAndAdd}, {@link #addAndGet},
 * {@link #incrementAndGet} and {@link #compareAndSet} are atomic across processes, element by
 * element. Nothing is atomic across elements: {@link #toArray()} copies the elements one by one
 * (Python's {@code arr[:]}), each current when it is read, but not one snapshot of all; guard
 * changes that span elements with a {@link SharedLock}. Arithmetic wraps around on overflow.
 *
 * <p><b>Costs.</b> Each element method is one atomic access to shared memory, with no lock and
 * no system call. The array takes {@code 16 + 4 * length} bytes of the program's shared memory,
 * in whole pages, from its creation until the program ends.
 *
 * <p><b>Failure.</b> An index outside the array throws {@link IndexOutOfBoundsException} naming
 * the index and the length, before any memory is touched.
 *
 * <p>{@link #toString()} shows the elements as {@link Arrays#toString(int[])} does.
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
     * @param length the number of elements, 0 or more; it never changes
     * @return the new array, to pass to other processes
     * @throws IllegalArgumentException if {@code length} is negative or too large for one segment
     *     (more than about 2<sup>31</sup> bytes)
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
     */
    public static SharedIntArray create(int length) {
        if (length < 0 || length > (Integer.MAX_VALUE - Header.BYTES) / 4) {
            throw new IllegalArgumentException("a shared int array's length must be 0 to "
                    + (Integer.MAX_VALUE - Header.BYTES) / 4 + ", not " + length);
        }
        return new SharedIntArray(Header.create(SharedKind.INT_ARRAY, IntCells.payload(length), length));
    }

    /**
     * A new array holding a copy of {@code values}: later changes to either do not reach the
     * other.
     *
     * @param values the elements, in order
     * @return the new array, of {@code values.length} elements
     * @throws NullPointerException if {@code values} is null
     * @throws IllegalArgumentException if {@code values} is too long for one segment
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped
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

    /**
     * The number of elements, fixed when the array was created.
     *
     * @return the length
     */
    public int length() {
        return cells.length();
    }

    /**
     * Element {@code i}, as a volatile read.
     *
     * @param i the index
     * @return the element's value, last written by any process
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public int get(int i) {
        return cells.get(i);
    }

    /**
     * Sets element {@code i}, as a volatile write: every process sees it at its next read.
     *
     * @param i the index
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public void set(int i, int value) {
        cells.set(i, value);
    }

    /**
     * Sets element {@code i} atomically and returns its old value.
     *
     * @param i the index
     * @param value the new value
     * @return the value it replaced
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public int getAndSet(int i, int value) {
        return cells.getAndSet(i, value);
    }

    /**
     * Adds {@code delta} to element {@code i} atomically.
     *
     * @param i the index
     * @param delta the amount to add (negative to subtract)
     * @return the element's value before the addition
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public int getAndAdd(int i, int delta) {
        return cells.getAndAdd(i, delta);
    }

    /**
     * Adds {@code delta} to element {@code i} atomically.
     *
     * @param i the index
     * @param delta the amount to add (negative to subtract)
     * @return the element's value after the addition
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public int addAndGet(int i, int delta) {
        return cells.getAndAdd(i, delta) + delta;
    }

    /**
     * Adds one to element {@code i} atomically.
     *
     * @param i the index
     * @return the element's value after the increment
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public int incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    /**
     * Sets element {@code i} to {@code newValue} if it is {@code expectedValue}, atomically. It
     * fails only if the element differs, never spuriously.
     *
     * @param i the index
     * @param expectedValue the value the element must have now
     * @param newValue the value to set
     * @return whether the element had {@code expectedValue} and now has {@code newValue}
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public boolean compareAndSet(int i, int expectedValue, int newValue) {
        return cells.compareAndSet(i, expectedValue, newValue);
    }

    /**
     * A copy of the elements (Python's {@code arr[:]}), read one by one with volatile reads: each
     * element is current when it is read, but elements that other processes change during the
     * copy may show some changes and not others.
     *
     * @return a new Java array of {@link #length()} elements, not shared
     */
    public int[] toArray() {
        return cells.toArray();
    }

    /**
     * The elements, as {@link Arrays#toString(int[])} shows them, copied one by one as by
     * {@link #toArray()}.
     */
    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
