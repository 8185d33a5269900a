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
 * <p>{@link #get()} and {@link #set(double)} are volatile; {@link #getAndAdd}, {@link #addAndGet}
 * and {@link #compareAndSet} are atomic across processes. {@code compareAndSet} compares the bits
 * of the values, as {@code VarHandle}s do ({@code 0.0} and {@code -0.0} differ; a NaN matches
 * the same NaN). {@link #toString()} shows the value as {@link Double#toString(double)} does.
 */
public final class SharedDouble extends SharedObject {

    private final DoubleCells cells;

    private SharedDouble(Segment segment) {
        super(segment);
        this.cells = new DoubleCells(segment);
    }

    /**
     * A new shared {@code double} holding {@code initialValue}.
     *
     * @throws java.io.UncheckedIOException if its shared memory cannot be created
     */
    public static SharedDouble create(double initialValue) {
        SharedDouble value = new SharedDouble(Header.create(SharedKind.DOUBLE, DoubleCells.payload(1), 1));
        value.set(initialValue);
        return value;
    }

    static SharedDouble open(String name) {
        return new SharedDouble(Header.open(name, SharedKind.DOUBLE, DoubleCells::payload));
    }

    /** The value (a volatile read). */
    public double get() {
        return cells.get(0);
    }

    /** Sets the value (a volatile write). */
    public void set(double newValue) {
        cells.set(0, newValue);
    }

    /** Sets the value atomically and returns the old one. */
    public double getAndSet(double newValue) {
        for (;;) {
            double prev = get();
            if (compareAndSet(prev, newValue)) {
                return prev;
            }
        }
    }

    /** Adds {@code delta} atomically; returns the old value. */
    public double getAndAdd(double delta) {
        return cells.getAndAdd(0, delta);
    }

    /** Adds {@code delta} atomically; returns the new value. */
    public double addAndGet(double delta) {
        return cells.getAndAdd(0, delta) + delta;
    }

    /** Sets the value to {@code newValue} if its bits are those of {@code expectedValue}, atomically. */
    public boolean compareAndSet(double expectedValue, double newValue) {
        return cells.compareAndSet(0, expectedValue, newValue);
    }

    /** The value, as {@link Double#toString(double)} writes it. */
    @Override
    public String toString() {
        return Double.toString(get());
    }
}
