package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.LongCells;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * An {@code long} shared by the processes of a program: Python's {@code multiprocessing.Value('q')},
 * with the methods of {@link java.util.concurrent.atomic.AtomicLong}. Pass it to a
 * {@code @Worker} or {@code @PoolTask} method like any argument; it arrives as a handle to the same
 * value.
 *
 * <p>{@link #get()} and {@link #set(long)} are volatile reads and writes; the read-modify-write
 * methods are atomic across processes (two processes each incrementing 100,000 times end at
 * 200,000), each a single instruction on shared memory, so no lock is needed for them, unlike
 * Python's {@code with v.get_lock(): v.value += 1}. The update functions may run more than once
 * under contention, and must not have side effects. {@link #toString()} shows the value.
 */
public final class SharedLong extends SharedObject {

    private final LongCells cells;

    private SharedLong(Segment segment) {
        super(segment);
        this.cells = new LongCells(segment);
    }

    /**
     * A new shared {@code long} holding {@code initialValue}.
     *
     * @throws java.io.UncheckedIOException if its shared memory cannot be created
     */
    public static SharedLong create(long initialValue) {
        SharedLong value = new SharedLong(Header.create(SharedKind.LONG, LongCells.payload(1), 1));
        value.set(initialValue);
        return value;
    }

    static SharedLong open(String name) {
        return new SharedLong(Header.open(name, SharedKind.LONG, LongCells::payload));
    }

    /** The value (a volatile read). */
    public long get() {
        return cells.get(0);
    }

    /** Sets the value (a volatile write). */
    public void set(long newValue) {
        cells.set(0, newValue);
    }

    /** Sets the value atomically and returns the old one. */
    public long getAndSet(long newValue) {
        return cells.getAndSet(0, newValue);
    }

    /** Sets the value to {@code newValue} if it is {@code expectedValue}, atomically. */
    public boolean compareAndSet(long expectedValue, long newValue) {
        return cells.compareAndSet(0, expectedValue, newValue);
    }

    /** Adds {@code delta} atomically; returns the old value. */
    public long getAndAdd(long delta) {
        return cells.getAndAdd(0, delta);
    }

    /** Adds {@code delta} atomically; returns the new value. */
    public long addAndGet(long delta) {
        return cells.getAndAdd(0, delta) + delta;
    }

    /** Adds one atomically; returns the old value. */
    public long getAndIncrement() {
        return getAndAdd(1);
    }

    /** Subtracts one atomically; returns the old value. */
    public long getAndDecrement() {
        return getAndAdd(-1);
    }

    /** Adds one atomically; returns the new value. */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /** Subtracts one atomically; returns the new value. */
    public long decrementAndGet() {
        return addAndGet(-1);
    }

    /** Applies {@code update} atomically (retrying under contention); returns the old value. */
    public long getAndUpdate(LongUnaryOperator update) {
        for (;;) {
            long prev = get();
            if (compareAndSet(prev, update.applyAsLong(prev))) {
                return prev;
            }
        }
    }

    /** Applies {@code update} atomically (retrying under contention); returns the new value. */
    public long updateAndGet(LongUnaryOperator update) {
        for (;;) {
            long prev = get();
            long next = update.applyAsLong(prev);
            if (compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /** Combines the value with {@code x} atomically (retrying under contention); returns the old value. */
    public long getAndAccumulate(long x, LongBinaryOperator accumulator) {
        for (;;) {
            long prev = get();
            if (compareAndSet(prev, accumulator.applyAsLong(prev, x))) {
                return prev;
            }
        }
    }

    /** Combines the value with {@code x} atomically (retrying under contention); returns the new value. */
    public long accumulateAndGet(long x, LongBinaryOperator accumulator) {
        for (;;) {
            long prev = get();
            long next = accumulator.applyAsLong(prev, x);
            if (compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /** The value, in decimal: what Python's {@code print(v.value)} prints. */
    @Override
    public String toString() {
        return Long.toString(get());
    }
}
