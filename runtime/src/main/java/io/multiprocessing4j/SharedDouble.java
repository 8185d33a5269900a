package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.DoubleCells;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;

/**
 * A {@code double} shared by the processes of a program: Python's
 * {@code multiprocessing.Value('d')}. Pass it to a {@code @Worker} or {@code @PoolTask} method like
 * any argument; it arrives as a handle to the same value.
 *
 * <p><b>Guarantees.</b> {@link #get()} and {@link #set(double)} are volatile reads and writes,
 * ordered between processes as volatile accesses are between threads; {@link #getAndSet},
 * {@link #getAndAdd}, {@link #addAndGet} and {@link #compareAndSet} are atomic across
 * processes: no addition is lost. {@code compareAndSet} compares the bits of the values, as
 * {@code VarHandle}s do: {@code 0.0} and {@code -0.0} differ, and a NaN matches only a NaN of
 * the same bits.
 *
 * <p><b>Costs.</b> {@code get}, {@code set}, {@code getAndSet} and {@code compareAndSet} are each
 * one atomic access to shared memory, with no lock and no system call. The adding methods are
 * compare-and-set loops, since no instruction adds doubles atomically: lock-free, not wait-free,
 * retried while other threads or processes change the value in between. A process that dies
 * inside one changes nothing, since only its final compare-and-set writes.
 *
 * <p>{@link #toString()} shows the value as {@link Double#toString(double)} does.
 */
public final class SharedDouble extends SharedObject {

    private final DoubleCells cells;

    private SharedDouble(Segment segment) {
        super(segment);
        this.cells = new DoubleCells(segment);
    }

    /**
     * A new shared {@code double} holding {@code initialValue}: a page of the program's shared
     * memory, which stays until the program ends.
     *
     * @param initialValue the value it starts with
     * @return the new value, to pass to other processes
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
     */
    public static SharedDouble create(double initialValue) {
        SharedDouble value = new SharedDouble(Header.create(SharedKind.DOUBLE, DoubleCells.payload(1), 1));
        value.set(initialValue);
        return value;
    }

    static SharedDouble open(String name) {
        return new SharedDouble(Header.open(name, SharedKind.DOUBLE, DoubleCells::payload));
    }

    /**
     * The value, as a volatile read.
     *
     * @return the value last written by any process
     */
    public double get() {
        return cells.get(0);
    }

    /**
     * Sets the value, as a volatile write: every process sees it at its next read.
     *
     * @param newValue the new value
     */
    public void set(double newValue) {
        cells.set(0, newValue);
    }

    /**
     * Sets the value atomically and returns the old one: one atomic swap of its bits.
     *
     * @param newValue the new value
     * @return the value it replaced
     */
    public double getAndSet(double newValue) {
        return cells.getAndSet(0, newValue);
    }

    /**
     * Adds {@code delta} atomically (a compare-and-set loop), with the rounding of {@code +}.
     *
     * @param delta the amount to add (negative to subtract)
     * @return the value before the addition
     */
    public double getAndAdd(double delta) {
        return cells.getAndAdd(0, delta);
    }

    /**
     * Adds {@code delta} atomically (a compare-and-set loop), with the rounding of {@code +}.
     *
     * @param delta the amount to add (negative to subtract)
     * @return the value after the addition: the sum that was stored
     */
    public double addAndGet(double delta) {
        return cells.getAndAdd(0, delta) + delta;
    }

    /**
     * Sets the value to {@code newValue} if its bits are those of {@code expectedValue},
     * atomically. It fails only if the bits differ, never spuriously: so {@code 0.0} does not
     * match {@code -0.0}, and a NaN matches only a NaN of the same bits, unlike {@code ==}.
     *
     * @param expectedValue the value it must have now, compared bit for bit
     * @param newValue the value to set
     * @return whether it had {@code expectedValue} and now has {@code newValue}
     */
    public boolean compareAndSet(double expectedValue, double newValue) {
        return cells.compareAndSet(0, expectedValue, newValue);
    }

    /** The value, as {@link Double#toString(double)} writes it. */
    @Override
    public String toString() {
        return Double.toString(get());
    }
}
