package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.IntCells;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * An {@code int} shared by the processes of a program: Python's {@code multiprocessing.Value('i')},
 * with the methods of {@link java.util.concurrent.atomic.AtomicInteger}. Pass it to a
 * {@code @Worker} or {@code @PoolTask} method like any argument; it arrives as a handle to the same
 * value.
 *
 * <p>{@link #get()} and {@link #set(int)} are volatile reads and writes; the read-modify-write
 * methods are atomic across processes (two processes each incrementing 100,000 times end at
 * 200,000), each a single instruction on shared memory, so no lock is needed for them, unlike
 * Python's {@code with v.get_lock(): v.value += 1}. The update functions may run more than once
 * under contention, and must not have side effects. {@link #toString()} shows the value.
 */
public final class SharedInt extends SharedObject {

    private final IntCells cells;

    private SharedInt(Segment segment) {
        super(segment);
        this.cells = new IntCells(segment);
    }

    /**
     * A new shared {@code int} holding {@code initialValue}.
     *
     * @throws java.io.UncheckedIOException if its shared memory cannot be created
     */
    public static SharedInt create(int initialValue) {
        SharedInt value = new SharedInt(Header.create(SharedKind.INT, IntCells.payload(1), 1));
        value.set(initialValue);
        return value;
    }

    static SharedInt open(String name) {
        return new SharedInt(Header.open(name, SharedKind.INT, IntCells::payload));
    }

    /** The value (a volatile read). */
    public int get() {
        return cells.get(0);
    }

    /** Sets the value (a volatile write). */
    public void set(int newValue) {
        cells.set(0, newValue);
    }

    /** Sets the value atomically and returns the old one. */
    public int getAndSet(int newValue) {
        return cells.getAndSet(0, newValue);
    }

    /** Sets the value to {@code newValue} if it is {@code expectedValue}, atomically. */
    public boolean compareAndSet(int expectedValue, int newValue) {
        return cells.compareAndSet(0, expectedValue, newValue);
    }

    /** Adds {@code delta} atomically; returns the old value. */
    public int getAndAdd(int delta) {
        return cells.getAndAdd(0, delta);
    }

    /** Adds {@code delta} atomically; returns the new value. */
    public int addAndGet(int delta) {
        return cells.getAndAdd(0, delta) + delta;
    }

    /** Adds one atomically; returns the old value. */
    public int getAndIncrement() {
        return getAndAdd(1);
    }

    /** Subtracts one atomically; returns the old value. */
    public int getAndDecrement() {
        return getAndAdd(-1);
    }

    /** Adds one atomically; returns the new value. */
    public int incrementAndGet() {
        return addAndGet(1);
    }

    /** Subtracts one atomically; returns the new value. */
    public int decrementAndGet() {
        return addAndGet(-1);
    }

    /** Applies {@code update} atomically (retrying under contention); returns the old value. */
    public int getAndUpdate(IntUnaryOperator update) {
        for (;;) {
            int prev = get();
            if (compareAndSet(prev, update.applyAsInt(prev))) {
                return prev;
            }
        }
    }

    /** Applies {@code update} atomically (retrying under contention); returns the new value. */
    public int updateAndGet(IntUnaryOperator update) {
        for (;;) {
            int prev = get();
            int next = update.applyAsInt(prev);
            if (compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /** Combines the value with {@code x} atomically (retrying under contention); returns the old value. */
    public int getAndAccumulate(int x, IntBinaryOperator accumulator) {
        for (;;) {
            int prev = get();
            if (compareAndSet(prev, accumulator.applyAsInt(prev, x))) {
                return prev;
            }
        }
    }

    /** Combines the value with {@code x} atomically (retrying under contention); returns the new value. */
    public int accumulateAndGet(int x, IntBinaryOperator accumulator) {
        for (;;) {
            int prev = get();
            int next = accumulator.applyAsInt(prev, x);
            if (compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /** The value, in decimal: what Python's {@code print(v.value)} prints. */
    @Override
    public String toString() {
        return Integer.toString(get());
    }
}
