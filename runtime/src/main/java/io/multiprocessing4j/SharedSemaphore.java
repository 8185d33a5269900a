package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Deadline;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SemaphoreState;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.time.Duration;

/**
 * A counting semaphore shared by the processes of a program: Python's
 * {@code multiprocessing.Semaphore} ({@link #create}) and {@code BoundedSemaphore}
 * ({@link #bounded}). Pass it to a {@code @Worker} or {@code @PoolTask} method like any argument;
 * it arrives as a handle to the same semaphore.
 *
 * <p><b>When a holder dies.</b> The semaphore records how many permits each process holds (up to
 * 64 processes at once). When a process ends holding permits, a waiter gives them back within
 * about a quarter of a second, but never above the initial count: a semaphore that signals (made
 * with 0 permits, released by one process, acquired by another) gets no phantom permits from a
 * consumer that died. Python's would stay short of those permits for ever.
 *
 * <p><b>Costs.</b> An uncontended acquire or release takes a short guarded section in shared
 * memory (an uncontended acquire and release together: about 0.3 µs once compiled, measured on
 * the project's machine); a waiter sleeps in the kernel and uses no CPU. Interrupts
 * are noticed within 50 ms.
 */
public final class SharedSemaphore extends SharedObject {

    private final SemaphoreState state;

    private SharedSemaphore(Segment segment) {
        super(segment);
        this.state = new SemaphoreState(segment);
    }

    /**
     * A semaphore with {@code permits} permits; releases beyond them are allowed.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static SharedSemaphore create(int permits) {
        return make(permits, false);
    }

    /**
     * A bounded semaphore: a {@link #release()} that would raise the count above {@code permits}
     * throws {@link IllegalStateException}, as Python's {@code BoundedSemaphore} raises
     * {@code ValueError}.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static SharedSemaphore bounded(int permits) {
        return make(permits, true);
    }

    private static SharedSemaphore make(int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore's permits cannot be negative: " + permits);
        }
        Segment segment = Header.create(SharedKind.SEMAPHORE, SemaphoreState.PAYLOAD, permits);
        SemaphoreState.initialize(segment, permits, bounded);
        return new SharedSemaphore(segment);
    }

    static SharedSemaphore open(String name) {
        return new SharedSemaphore(Header.open(name, SharedKind.SEMAPHORE, detail -> SemaphoreState.PAYLOAD));
    }

    /**
     * Takes a permit, waiting until one is available.
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    public void acquire() throws InterruptedException {
        state.acquire(-1);
    }

    /** Takes a permit if one is available now; never waits. */
    public boolean tryAcquire() {
        return state.tryAcquire();
    }

    /**
     * Takes a permit if one becomes available within {@code timeout}; returns on time.
     *
     * @throws InterruptedException if interrupted before or while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return state.acquire(Deadline.nanos(timeout, "timeout"));
    }

    /**
     * Gives a permit back and wakes one waiter, in any process. Any process may release, not only
     * one that acquired.
     *
     * @throws IllegalStateException if the semaphore is {@linkplain #bounded bounded} and already
     *     has its initial count
     */
    public void release() {
        state.release();
    }

    /** The permits available now: a snapshot. */
    public int availablePermits() {
        return state.availablePermits();
    }

    /** {@code SharedSemaphore[permits=2]}. */
    @Override
    public String toString() {
        return "SharedSemaphore[permits=" + state.availablePermits() + (state.isBounded() ? ", bounded" : "") + "]";
    }
}
