package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.BarrierBackend;
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
 * until {@link #reset()}.
 *
 * <p><b>When a process dies.</b> The barrier does not know which processes are its parties; it
 * knows the processes that have it (that created it or received it, up to 64 at once). A round
 * in progress (someone waiting) breaks when one of them dies abruptly during it ({@code kill -9},
 * {@code Runtime.halt}, a crash, a pool's kill of a stuck worker): the waiters notice within
 * about a quarter of a second, instead of waiting for ever for a party that will never come, as
 * Python's would. "During the round" means: seen alive by a waiter after the round began (the
 * waiters look at every process that has the barrier about a millisecond into a round, and every
 * 200 ms after), or attached while the round was in progress. A process that dies while nobody
 * waits, or in the first moment of a round before the waiters have looked, is forgotten, and
 * breaks nothing: a child that only received the barrier, or a pool worker that once ran a task
 * with it, does not break a later round when it is killed. The other side of that rule: a party
 * that dies between rounds leaves the next round waiting for it, so use
 * {@link #await(Duration)} where that can happen. A process that ends in an orderly way (its
 * shutdown hooks run: a return, {@code System.exit}, an uncaught exception) lets go of the
 * barrier without breaking it, so that processes may take turns at one barrier; a waiter that
 * might wait for such a process should use {@link #await(Duration)} too. The death of a process
 * that is not among those recorded is not noticed.
 *
 * <p><b>Costs.</b> An arrival is a short guarded section in shared memory; a waiter sleeps in
 * the kernel, waking only every 50 ms to look around, so interrupts are noticed within 50 ms
 * (and it looks for dead processes every 200 ms). In a round that lasts more than a
 * millisecond, one waiter checks that each process that has the barrier lives (about 0.1 ms per
 * process, while it waits anyway). Each process that creates or receives the
 * barrier records itself in it once, and registers a shutdown hook that lets go; the barrier
 * takes a page of shared memory until the program ends.
 */
public final class SharedBarrier extends SharedObject {

    private final BarrierBackend state;

    private SharedBarrier(Segment segment) {
        super(segment);
        BarrierState inMemory = new BarrierState(segment);
        inMemory.attach();
        this.state = inMemory;
    }

    private SharedBarrier(BarrierBackend served) {
        super(served);
        this.state = served;
    }

    /** A barrier a manager's server holds, for {@link Manager}. */
    static SharedBarrier over(BarrierBackend served) {
        return new SharedBarrier(served);
    }

    /**
     * A barrier for {@code parties} parties, whole, with nobody waiting. This process is
     * recorded as one that has it.
     *
     * @param parties how many {@link #await()} calls make a round, 1 or more
     * @return the new barrier, to pass to other processes
     * @throws IllegalArgumentException if {@code parties} is less than 1
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
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
     * Arrives, and waits as long as it takes until all parties have arrived. The last to arrive
     * does not wait: it wakes the others and starts the next round. A wait that the round's end
     * finished before an interrupt was noticed returns normally, with the interrupt status still
     * set.
     *
     * @return the arrival index: {@code parties() - 1} for the first to arrive, 0 for the last
     * @throws BarrierBrokenException if the barrier is broken when this thread arrives (it is not
     *     counted), or breaks while it waits: a timeout or an interrupt elsewhere,
     *     {@link #abort()}, {@link #reset()}, or the death of a process that had it during the
     *     round (see above)
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if the barrier is broken) or while it waits (noticed within 50 ms); the barrier breaks
     *     for the others, and the interrupt status is cleared
     */
    public int await() throws InterruptedException {
        return arrive(-1);
    }

    /**
     * As {@link #await()}, waiting at most {@code timeout}; a timeout breaks the barrier, as at a
     * {@code CyclicBarrier}. A timeout of zero or less breaks it at once unless this thread is
     * the last to arrive.
     *
     * @param timeout the longest wait; zero or negative does not wait
     * @return the arrival index: {@code parties() - 1} for the first to arrive, 0 for the last
     * @throws BarrierBrokenException if the barrier is broken when this thread arrives, breaks
     *     while it waits, or the time runs out (which breaks it for everyone; the message says so)
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if the barrier is broken) or while it waits (noticed within 50 ms); the barrier breaks
     *     for the others, and the interrupt status is cleared
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
            case LOST:
                throw new BarrierBrokenException("this thread could not run while its round ended and "
                        + "more than 15 resets followed, so it cannot tell whether the round passed; it "
                        + "reports the barrier broken rather than guess");
            case TIMED_OUT:
                throw new BarrierBrokenException("timed out waiting at the barrier after "
                        + (nanos / 1_000_000) + " ms with " + state.parties() + " parties; it is broken now");
            default:
                throw new BarrierBrokenException("the barrier is broken (a waiter timed out or was interrupted,"
                        + " it was aborted or reset, or a process that had it died during the round); reset() mends it");
        }
    }

    /**
     * The number of parties that must arrive, fixed when the barrier was created.
     *
     * @return the parties of each round
     */
    public int parties() {
        return state.parties();
    }

    /**
     * How many have arrived in this round and wait, those of processes that died since
     * included.
     *
     * @return the number waiting now, a snapshot; 0 while the barrier is broken
     */
    public int numberWaiting() {
        return state.numberWaiting();
    }

    /**
     * Whether the barrier is broken: a wait timed out or was interrupted, {@link #abort()} was
     * called, or a process that had it died during a round (see above), and no {@link #reset()}
     * came since.
     *
     * @return whether an {@link #await()} would throw {@link BarrierBrokenException} now
     */
    public boolean isBroken() {
        return state.isBroken();
    }

    /**
     * Makes the barrier whole again and starts a new round: those waiting now get
     * {@link BarrierBrokenException}, and those who arrive from now on count toward the new
     * round. On a whole barrier with nobody waiting it does nothing.
     */
    public void reset() {
        state.reset();
    }

    /**
     * Breaks the barrier: those waiting, and those who arrive until {@link #reset()}, get
     * {@link BarrierBrokenException}. On a broken barrier it does nothing.
     */
    public void abort() {
        state.abort();
    }

    /** {@code SharedBarrier[parties=3, waiting=1]}, with {@code broken} when it is. */
    @Override
    public String toString() {
        return "SharedBarrier[parties=" + parties() + ", waiting=" + numberWaiting() + (isBroken() ? ", broken" : "") + "]";
    }
}
