package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.IntBackend;
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
 * <p><b>Guarantees.</b> {@link #get()} and {@link #set(int)} are volatile reads and writes,
 * ordered between processes as volatile accesses are between threads. The read-modify-write
 * methods are atomic across processes (two processes each incrementing 100,000 times end at
 * 200,000), so no lock is needed for them, unlike Python's
 * {@code with v.get_lock(): v.value += 1}. Arithmetic wraps around on overflow, as
 * {@code AtomicInteger}'s does.
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
public final class SharedInt extends SharedObject {

    private final IntBackend cell;

    private SharedInt(Segment segment) {
        super(segment);
        this.cell = new IntCells(segment).cell(0);
    }

    private SharedInt(IntBackend served) {
        super(served);
        this.cell = served;
    }

    /** An int a manager's server holds, for {@link Manager}. */
    static SharedInt over(IntBackend served) {
        return new SharedInt(served);
    }

    /**
     * A new shared {@code int} holding {@code initialValue}: a page of the program's shared
     * memory, which stays until the program ends.
     *
     * @param initialValue the value it starts with
     * @return the new value, to pass to other processes
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
     */
    public static SharedInt create(int initialValue) {
        SharedInt value = new SharedInt(Header.create(SharedKind.INT, IntCells.payload(1), 1));
        value.set(initialValue);
        return value;
    }

    static SharedInt open(String name) {
        return new SharedInt(Header.open(name, SharedKind.INT, IntCells::payload));
    }

    /**
     * The value, as a volatile read.
     *
     * @return the value last written by any process
     */
    public int get() {
        return cell.get();
    }

    /**
     * Sets the value, as a volatile write: every process sees it at its next read.
     *
     * @param newValue the new value
     */
    public void set(int newValue) {
        cell.set(newValue);
    }

    /**
     * Sets the value atomically and returns the old one.
     *
     * @param newValue the new value
     * @return the value it replaced
     */
    public int getAndSet(int newValue) {
        return cell.getAndSet(newValue);
    }

    /**
     * Sets the value to {@code newValue} if it is {@code expectedValue}, atomically. It fails only
     * if the value differs, never spuriously.
     *
     * @param expectedValue the value it must have now
     * @param newValue the value to set
     * @return whether it had {@code expectedValue} and now has {@code newValue}
     */
    public boolean compareAndSet(int expectedValue, int newValue) {
        return cell.compareAndSet(expectedValue, newValue);
    }

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta the amount to add (negative to subtract)
     * @return the value before the addition
     */
    public int getAndAdd(int delta) {
        return cell.getAndAdd(delta);
    }

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta the amount to add (negative to subtract)
     * @return the value after the addition
     */
    public int addAndGet(int delta) {
        return cell.getAndAdd(delta) + delta;
    }

    /**
     * Adds one atomically.
     *
     * @return the value before the increment
     */
    public int getAndIncrement() {
        return getAndAdd(1);
    }

    /**
     * Subtracts one atomically.
     *
     * @return the value before the decrement
     */
    public int getAndDecrement() {
        return getAndAdd(-1);
    }

    /**
     * Adds one atomically.
     *
     * @return the value after the increment
     */
    public int incrementAndGet() {
        return addAndGet(1);
    }

    /**
     * Subtracts one atomically.
     *
     * @return the value after the decrement
     */
    public int decrementAndGet() {
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
    public int getAndUpdate(IntUnaryOperator update) {
        for (;;) {
            int prev = get();
            if (compareAndSet(prev, update.applyAsInt(prev))) {
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
    public int updateAndGet(IntUnaryOperator update) {
        for (;;) {
            int prev = get();
            int next = update.applyAsInt(prev);
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
    public int getAndAccumulate(int x, IntBinaryOperator accumulator) {
        for (;;) {
            int prev = get();
            if (compareAndSet(prev, accumulator.applyAsInt(prev, x))) {
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
