package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.DoubleCells;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-length array of {@code double}s shared by the processes of a program: Python's
 * {@code multiprocessing.Array('d', ...)}. Pass it to a {@code @Worker} or {@code @PoolTask}
 * method like any argument; it arrives as a handle to the same array.
 *
 * <p><b>Guarantees.</b> Each element access is volatile, ordered between processes as volatile
 * accesses are between threads; {@link #getAndSet}, {@link #getAndAdd}, {@link #addAndGet},
 * {@link #incrementAndGet} and {@link #compareAndSet} are atomic across processes, element by
 * element. Nothing is atomic across elements: {@link #toArray()} copies the elements one by one
 * (Python's {@code arr[:]}), each current when it is read, but not one snapshot of all; guard
 * changes that span elements with a {@link SharedLock}. {@code compareAndSet} compares the bits
 * of the values, as {@code VarHandle}s do: {@code 0.0} and {@code -0.0} differ, and a NaN
 * matches only a NaN of the same bits.
 *
 * <p><b>Costs.</b> {@code get}, {@code set}, {@code getAndSet} and {@code compareAndSet} are
 * each one atomic access to shared memory, with no lock and no system call. The adding methods
 * are compare-and-set loops, since no instruction adds doubles atomically: lock-free, not
 * wait-free, retried while other threads or processes change the element in between; a process
 * that dies inside one changes nothing, since only its final compare-and-set writes. The array
 * takes {@code 16 + 8 * length} bytes of the program's shared memory, in whole pages, from its
 * creation until the program ends.
 *
 * <p><b>Failure.</b> An index outside the array throws {@link IndexOutOfBoundsException} naming
 * the index and the length, before any memory is touched.
 *
 * <p>{@link #toString()} shows the elements as {@link Arrays#toString(double[])} does.
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
     * @param length the number of elements, 0 or more; it never changes
     * @return the new array, to pass to other processes
     * @throws IllegalArgumentException if {@code length} is negative or too large for one segment
     *     (more than about 2<sup>31</sup> bytes)
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
     */
    public static SharedDoubleArray create(int length) {
        if (length < 0 || length > (Integer.MAX_VALUE - Header.BYTES) / 8) {
            throw new IllegalArgumentException("a shared double array's length must be 0 to "
                    + (Integer.MAX_VALUE - Header.BYTES) / 8 + ", not " + length);
        }
        return new SharedDoubleArray(Header.create(SharedKind.DOUBLE_ARRAY, DoubleCells.payload(length), length));
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
    public double get(int i) {
        return cells.get(i);
    }

    /**
     * Sets element {@code i}, as a volatile write: every process sees it at its next read.
     *
     * @param i the index
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public void set(int i, double value) {
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
    public double getAndSet(int i, double value) {
        return cells.getAndSet(i, value);
    }

    /**
     * Adds {@code delta} to element {@code i} atomically (a compare-and-set loop), with the
     * rounding of {@code +}.
     *
     * @param i the index
     * @param delta the amount to add (negative to subtract)
     * @return the element's value before the addition
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public double getAndAdd(int i, double delta) {
        return cells.getAndAdd(i, delta);
    }

    /**
     * Adds {@code delta} to element {@code i} atomically (a compare-and-set loop), with the
     * rounding of {@code +}.
     *
     * @param i the index
     * @param delta the amount to add (negative to subtract)
     * @return the element's value after the addition: the sum that was stored
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public double addAndGet(int i, double delta) {
        return cells.getAndAdd(i, delta) + delta;
    }

    /**
     * Adds {@code 1.0} to element {@code i} atomically (a compare-and-set loop).
     *
     * @param i the index
     * @return the element's value after the increment
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public double incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    /**
     * Sets element {@code i} to {@code newValue} if its bits are those of {@code expectedValue},
     * atomically. It fails only if the bits differ, never spuriously: so {@code 0.0} does not
     * match {@code -0.0}, and a NaN matches only a NaN of the same bits, unlike {@code ==}.
     *
     * @param i the index
     * @param expectedValue the value the element must have now, compared bit for bit
     * @param newValue the value to set
     * @return whether the element had {@code expectedValue} and now has {@code newValue}
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #length()}
     */
    public boolean compareAndSet(int i, double expectedValue, double newValue) {
        return cells.compareAndSet(i, expectedValue, newValue);
    }

    /**
     * A copy of the elements (Python's {@code arr[:]}), read one by one with volatile reads: each
     * element is current when it is read, but elements that other processes change during the
     * copy may show some changes and not others.
     *
     * @return a new Java array of {@link #length()} elements, not shared
     */
    public double[] toArray() {
        return cells.toArray();
    }

    /**
     * The elements, as {@link Arrays#toString(double[])} shows them, copied one by one as by
     * {@link #toArray()}.
     */
    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
