package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Deadline;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SemaphoreBackend;
import io.multiprocessing4j.internal.shm.SemaphoreState;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.time.Duration;

/**
 * A counting semaphore shared by the processes of a program: Python's
 * {@code multiprocessing.Semaphore} ({@link #create}) and {@code BoundedSemaphore}
 * ({@link #bounded}). Pass it to a {@code @Worker} or {@code @PoolTask} method like any argument;
 * it arrives as a handle to the same semaphore.
 *
 * <p><b>When a holder dies.</b> The semaphore records how many permits each process holds: those
 * it acquired less those it released (for up to 64 processes at once; holders beyond them are not
 * recorded, and their death is not repaired). When a process ends holding permits, a waiter that
 * has waited 200 ms gives them back, within about a quarter of a second of the death, but never
 * above the initial count: a semaphore that signals (made with 0 permits, released by one
 * process, acquired by another) gets no phantom permits from a consumer that died. Python's
 * would stay short of those permits for ever.
 *
 * <p><b>Releases by another process.</b> Any process may release, and then nobody can tell whose
 * permit came back. The rule: a release by a process with no permit recorded is struck off the
 * record of the one process that has permits recorded, if there is one (so a permit acquired in
 * one process and released in another is no longer counted against the first); if several
 * processes have permits recorded, the release is counted as <em>unattributed</em>, and the
 * death of a holder gives back its recorded permits less the unattributed releases (any of them
 * may have been its permit). So a death never gives back a permit that may still be in use, and
 * two processes never hold a one-permit semaphore: with one holder at a time, as when a
 * semaphore is used as a lock released by whichever process finishes the work, a death gives
 * back exactly what the dead process held; with several holders and releases by third
 * processes, it may give back fewer, and the semaphore stays that many permits short, as
 * Python's would. Release permits in the process that acquired them where you can.
 *
 * <p><b>Costs.</b> An uncontended acquire or release takes a short guarded section in shared
 * memory (an uncontended acquire and release together: about 0.3 µs once compiled, measured on
 * the project's machine). A caller that finds another process inside the section waits for it,
 * uninterruptibly; if that process died there, for about a quarter of a second, after which its
 * half-made change is undone. A waiter for a permit sleeps in the kernel, waking only every
 * 50 ms to look around, so interrupts are noticed within 50 ms.
 */
public final class SharedSemaphore extends SharedObject {

    private final SemaphoreBackend state;

    private SharedSemaphore(Segment segment) {
        super(segment);
        this.state = new SemaphoreState(segment);
    }

    private SharedSemaphore(SemaphoreBackend served) {
        super(served);
        this.state = served;
    }

    /** A semaphore a manager's server holds, for {@link Manager}. */
    static SharedSemaphore over(SemaphoreBackend served) {
        return new SharedSemaphore(served);
    }

    /**
     * A semaphore with {@code permits} permits; releases beyond them are allowed, up to
     * {@link Integer#MAX_VALUE} available permits. It takes a page of the program's shared
     * memory until the program ends.
     *
     * @param permits the permits available at first, 0 or more; giving back a dead holder's
     *     permits never raises the count above it
     * @return the new semaphore, to pass to other processes
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
     */
    public static SharedSemaphore create(int permits) {
        return make(permits, false);
    }

    /**
     * A bounded semaphore: a {@link #release()} that would raise the count above {@code permits}
     * throws {@link IllegalStateException}, as Python's {@code BoundedSemaphore} raises
     * {@code ValueError}; so every release of {@code bounded(0)} throws. It takes a page of the
     * program's shared memory until the program ends.
     *
     * @param permits the permits available at first, 0 or more, and the most there can be
     * @return the new semaphore, to pass to other processes
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
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
     * Takes a permit, waiting as long as it takes until one is available. While it waits, it
     * gives back the permits of dead holders every 200 ms (see above).
     *
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if a permit is free), or while it waits (noticed within 50 ms); no permit is taken, and
     *     the interrupt status is cleared
     */
    public void acquire() throws InterruptedException {
        state.acquire(-1);
    }

    /**
     * Takes a permit if one is available now; never waits for a permit (only, briefly, for
     * another process inside the guarded section). When none is available and 200 ms have
     * passed since this object was made or last looked for dead holders, it gives back their
     * permits and tries again, so a caller that retries gets the permits of a holder that died.
     *
     * @return whether a permit was taken
     */
    public boolean tryAcquire() {
        return state.tryAcquire();
    }

    /**
     * Takes a permit if one becomes available within {@code timeout}; returns once the time is
     * up otherwise. A timeout of zero or less only tries. Dead holders' permits are given back as
     * by {@link #acquire()}, so only by a wait of 200 ms or more.
     *
     * @param timeout the longest wait; zero or negative only tries
     * @return whether a permit was taken; false if the time ran out
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if a permit is free), or while it waits (noticed within 50 ms); no permit is taken, and
     *     the interrupt status is cleared
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return state.acquire(Deadline.nanos(timeout, "timeout"));
    }

    /**
     * Gives a permit back and wakes one waiter, in any process. Any process may release, not only
     * one that acquired; a release by a process that holds no permit counts against another's
     * (see above, for what a holder's death then gives back).
     *
     * @throws IllegalStateException if the semaphore is {@linkplain #bounded bounded} and already
     *     has its initial count, or would have more than {@link Integer#MAX_VALUE} permits; the
     *     count is unchanged
     */
    public void release() {
        state.release();
    }

    /**
     * The permits available now, not counting those of dead holders not yet given back.
     *
     * @return the available permits: a snapshot, which may have changed by the time it returns
     */
    public int availablePermits() {
        return state.availablePermits();
    }

    /** {@code SharedSemaphore[permits=2]}, with {@code bounded} when it is. */
    @Override
    public String toString() {
        return "SharedSemaphore[permits=" + state.availablePermits() + (state.isBounded() ? ", bounded" : "") + "]";
    }
}
