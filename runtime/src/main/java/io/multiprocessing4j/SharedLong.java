package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.LongCells;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A {@code long} shared by the processes of a program: Python's {@code multiprocessing.Value('q')},
 * with the methods of {@link java.util.concurrent.atomic.AtomicLong}. Pass it to a
 * {@code @Worker} or {@code @PoolTask} method like any argument; it arrives as a handle to the same
 * value.
 *
 * <p><b>Guarantees.</b> {@link #get()} and {@link #set(long)} are volatile reads and writes,
 * ordered between processes as volatile accesses are between threads. The read-modify-write
 * methods are atomic across processes (two processes each incrementing 100,000 times end at
 * 200,000), so no lock is needed for them, unlike Python's
 * {@code with v.get_lock(): v.value += 1}. Arithmetic wraps around on overflow, as
 * {@code AtomicLong}'s does.
 *
 * <p><b>Costs.</b> {@code get}, {@code set}, {@code getAndSet}, {@code compareAndSet} and the
 * adding methods are each one atomic access to shared memory, with no lock and no system call.
 * The update and accumulate methods are a compare-and-set loop: under contention the function
 * may run more than once, so it must not have side effects. The loop is lock-free, not
 * wait-free; a process that dies inside it changes nothing, since only its final
 * compare-and-set writes.
 *
 * <p>{@link #toString()} shows the value.
 */
public final class SharedLong extends SharedObject {

    private final LongCells cells;

    private SharedLong(Segment segment) {
        super(segment);
        this.cells = new LongCells(segment);
    }

    /**
     * A new shared {@code long} holding {@code initialValue}: a page of the program's shared
     * memory, which stays until the program ends.
     *
     * @param initialValue the value it starts with
     * @return the new value, to pass to other processes
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
     */
    public static SharedLong create(long initialValue) {
        SharedLong value = new SharedLong(Header.create(SharedKind.LONG, LongCells.payload(1), 1));
        value.set(initialValue);
        return value;
    }

    static SharedLong open(String name) {
        return new SharedLong(Header.open(name, SharedKind.LONG, LongCells::payload));
    }

    /**
     * The value, as a volatile read.
     *
     * @return the value last written by any process
     */
    public long get() {
        return cells.get(0);
    }

    /**
     * Sets the value, as a volatile write: every process sees it at its next read.
     *
     * @param newValue the new value
     */
    public void set(long newValue) {
        cells.set(0, newValue);
    }

    /**
     * Sets the value atomically and returns the old one.
     *
     * @param newValue the new value
     * @return the value it replaced
     */
    public long getAndSet(long newValue) {
        return cells.getAndSet(0, newValue);
    }

    /**
     * Sets the value to {@code newValue} if it is {@code expectedValue}, atomically. It fails only
     * if the value differs, never spuriously.
     *
     * @param expectedValue the value it must have now
     * @param newValue the value to set
     * @return whether it had {@code expectedValue} and now has {@code newValue}
     */
    public boolean compareAndSet(long expectedValue, long newValue) {
        return cells.compareAndSet(0, expectedValue, newValue);
    }

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta the amount to add (negative to subtract)
     * @return the value before the addition
     */
    public long getAndAdd(long delta) {
        return cells.getAndAdd(0, delta);
    }

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta the amount to add (negative to subtract)
     * @return the value after the addition
     */
    public long addAndGet(long delta) {
        return cells.getAndAdd(0, delta) + delta;
    }

    /**
     * Adds one atomically.
     *
     * @return the value before the increment
     */
    public long getAndIncrement() {
        return getAndAdd(1);
    }

    /**
     * Subtracts one atomically.
     *
     * @return the value before the decrement
     */
    public long getAndDecrement() {
        return getAndAdd(-1);
    }

    /**
     * Adds one atomically.
     *
     * @return the value after the increment
     */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /**
     * Subtracts one atomically.
     *
     * @return the value after the decrement
     */
    public long decrementAndGet() {
        return addAndGet(-1);
    }

    /**
     * Replaces the value with {@code update} applied to it, atomically: a compare-and-set loop
     * that applies {@code update} again whenever another thread or process changed the value in
     * between. If {@code update} throws, the exception propagates and the value is unchanged.
     *
     * @param update a function without side effects, which may run more than once
     * @return the value before the update
     * @throws NullPointerException if {@code update} is null
     */
    public long getAndUpdate(LongUnaryOperator update) {
        for (;;) {
            long prev = get();
            if (compareAndSet(prev, update.applyAsLong(prev))) {
                return prev;
            }
        }
    }

    /**
     * Replaces the value with {@code update} applied to it, atomically: a compare-and-set loop
     * that applies {@code update} again whenever another thread or process changed the value in
     * between. If {@code update} throws, the exception propagates and the value is unchanged.
     *
     * @param update a function without side effects, which may run more than once
     * @return the value after the update
     * @throws NullPointerException if {@code update} is null
     */
    public long updateAndGet(LongUnaryOperator update) {
        for (;;) {
            long prev = get();
            long next = update.applyAsLong(prev);
            if (compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /**
     * Replaces the value with {@code accumulator} applied to it and {@code x}, atomically: a
     * compare-and-set loop that applies {@code accumulator} again whenever another thread or
     * process changed the value in between. If {@code accumulator} throws, the exception
     * propagates and the value is unchanged.
     *
     * @param x the second argument of {@code accumulator}; the value is the first
     * @param accumulator a function without side effects, which may run more than once
     * @return the value before the update
     * @throws NullPointerException if {@code accumulator} is null
     */
    public long getAndAccumulate(long x, LongBinaryOperator accumulator) {
        for (;;) {
            long prev = get();
            if (compareAndSet(prev, accumulator.applyAsLong(prev, x))) {
                return prev;
            }
        }
    }

    /**
     * Replaces the value with {@code accumulator} applied to it and {@code x}, atomically: a
     * compare-and-set loop that applies {@code accumulator} again whenever another thread or
     * process changed the value in between. If {@code accumulator} throws, the exception
     * propagates and the value is unchanged.
     *
     * @param x the second argument of {@code accumulator}; the value is the first
     * @param accumulator a function without side effects, which may run more than once
     * @return the value after the update
     * @throws NullPointerException if {@code accumulator} is null
     */
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
