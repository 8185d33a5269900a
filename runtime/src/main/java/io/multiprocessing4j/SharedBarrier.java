package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.BarrierState;
import io.multiprocessing4j.internal.shm.Deadline;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.time.Duration;

/**
 * A barrier shared by the processes of a program: Python's {@code multiprocessing.Barrier}, Java's
 * {@code CyclicBarrier}. {@code parties} threads, in any processes, {@link #await()} it; when the
 * last arrives, all go on, and the barrier is ready for the next round. Pass it to a
 * {@code @Worker} or {@code @PoolTask} method like any argument; it arrives as a handle to the
 * same barrier.
 *
 * <p><b>Broken.</b> A waiter that times out or is interrupted, or a call to {@link #abort()},
 * breaks the barrier: those waiting and those who arrive later get {@link BarrierBrokenException}
 * until {@link #reset()}. So does the death of a process that has the barrier (it created it or
 * received it) when it dies abruptly ({@code kill -9}, {@code Runtime.halt}, a crash, a pool's kill
 * of a stuck worker): the waiters notice within about a quarter of a second, instead of waiting
 * for ever for a party that will never come, as Python's would. A process that ends in an orderly
 * way (its shutdown hooks run: a return, {@code System.exit}, an uncaught exception) lets go of
 * the barrier without breaking it, so that processes may take turns at one barrier; a waiter
 * that might wait for such a process should use {@link #await(Duration)}.
 *
 * <p><b>Costs.</b> An arrival is a short guarded section in shared memory; a waiter sleeps in
 * the kernel and uses no CPU. Interrupts are noticed within 50 ms.
 */
public final class SharedBarrier extends SharedObject {

    private final BarrierState state;

    private SharedBarrier(Segment segment) {
        super(segment);
        this.state = new BarrierState(segment);
        state.attach();
    }

    /**
     * A barrier for {@code parties} parties.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public static SharedBarrier create(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        return new SharedBarrier(Header.create(SharedKind.BARRIER, BarrierState.PAYLOAD, parties));
    }

    static SharedBarrier open(String name) {
        return new SharedBarrier(Header.open(name, SharedKind.BARRIER, detail -> BarrierState.PAYLOAD));
    }

    /**
     * Waits until all parties have arrived.
     *
     * @return the arrival index: {@code parties() - 1} for the first to arrive, 0 for the last
     * @throws BarrierBrokenException if the barrier is broken, or breaks while this thread waits
     * @throws InterruptedException if interrupted while waiting (the barrier breaks for the others)
     */
    public int await() throws InterruptedException {
        return arrive(-1);
    }

    /**
     * Waits until all parties have arrived, at most {@code timeout}; a timeout breaks the barrier.
     *
     * @return the arrival index: {@code parties() - 1} for the first to arrive, 0 for the last
     * @throws BarrierBrokenException if the barrier is broken, breaks while this thread waits, or
     *     the time runs out (which breaks it for everyone)
     * @throws InterruptedException if interrupted while waiting (the barrier breaks for the others)
     * @throws NullPointerException if {@code timeout} is null
     */
    public int await(Duration timeout) throws InterruptedException {
        return arrive(Deadline.nanos(timeout, "timeout"));
    }

    private int arrive(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            state.abort();
            throw new InterruptedException();
        }
        BarrierState.Arrival arrival = state.await(nanos);
        switch (arrival.outcome()) {
            case PASSED:
                return arrival.index();
            case INTERRUPTED:
                throw new InterruptedException();
            case TIMED_OUT:
                throw new BarrierBrokenException("timed out waiting at the barrier after "
                        + (nanos / 1_000_000) + " ms with " + state.parties() + " parties; it is broken now");
            default:
                throw new BarrierBrokenException("the barrier is broken (a waiter timed out or was interrupted,"
                        + " it was aborted or reset, or a process that had it died); reset() mends it");
        }
    }

    /** The number of parties that must arrive. */
    public int parties() {
        return state.parties();
    }

    /** How many wait at the barrier now. */
    public int numberWaiting() {
        return state.numberWaiting();
    }

    /** Whether the barrier is broken. */
    public boolean isBroken() {
        return state.isBroken();
    }

    /**
     * Makes the barrier whole again and starts a new round: those waiting now get
     * {@link BarrierBrokenException}.
     */
    public void reset() {
        state.reset();
    }

    /** Breaks the barrier: those waiting, and those who arrive until {@link #reset()}, get {@link BarrierBrokenException}. */
    public void abort() {
        state.abort();
    }

    /** {@code SharedBarrier[parties=3, waiting=1]}, with {@code broken} when it is. */
    @Override
    public String toString() {
        return "SharedBarrier[parties=" + parties() + ", waiting=" + numberWaiting() + (isBroken() ? ", broken" : "") + "]";
    }
}
