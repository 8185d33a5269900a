package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Deadline;
import io.multiprocessing4j.internal.shm.EventState;
import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.time.Duration;

/**
 * A flag shared by the processes of a program, that processes wait on until it is set: Python's
 * {@code multiprocessing.Event}. Pass it to a {@code @Worker} or {@code @PoolTask} method like any
 * argument; it arrives as a handle to the same event.
 *
 * <p><b>Costs.</b> {@link #set()}, {@link #clear()} and {@link #isSet()} are single atomic
 * accesses to shared memory; {@code set()} also makes one system call when someone waits. A
 * waiter spins for a microsecond or so, then sleeps in the kernel, waking only every 50 ms to
 * look around, and is woken by the set (measured: a round trip of two processes handing the
 * turn back and forth through two events, Python's {@code event_pingpong}, takes 12 to 27 µs).
 * Interrupts are noticed within 50 ms.
 *
 * <p><b>Failure.</b> An event has no owner, so no death leaves it in a state that needs repair;
 * but nothing tells the waiters that the process that was to set it has died, so wait with a
 * timeout where that can happen. A waiter returns only once it sees the flag set: a
 * {@link #set()} undone by a {@link #clear()} before a sleeping waiter has looked may wake nobody
 * (Python's wakes every waiter then).
 */
public final class SharedEvent extends SharedObject {

    private final EventState state;

    private SharedEvent(Segment segment) {
        super(segment);
        this.state = new EventState(segment);
    }

    /**
     * A new event, not set. It takes a page of the program's shared memory until the program
     * ends.
     *
     * @return the new event, to pass to other processes
     * @throws java.io.UncheckedIOException if its shared memory cannot be created or mapped (the
     *     message says where, and how to choose another place)
     */
    public static SharedEvent create() {
        return new SharedEvent(Header.create(SharedKind.EVENT, EventState.PAYLOAD, 0));
    }

    static SharedEvent open(String name) {
        return new SharedEvent(Header.open(name, SharedKind.EVENT, detail -> EventState.PAYLOAD));
    }

    /**
     * Sets the flag and wakes every waiter, in every process: one atomic access, and one system
     * call if the flag was clear and someone sleeps. Setting a set flag does nothing.
     */
    public void set() {
        state.set();
    }

    /**
     * Clears the flag: waiters from now on wait. A waiter that has not yet seen an earlier
     * {@link #set()} keeps waiting too (see above). One volatile write.
     */
    public void clear() {
        state.clear();
    }

    /**
     * Whether the flag is set: one volatile read.
     *
     * @return whether the flag is set now: a snapshot
     */
    public boolean isSet() {
        return state.isSet();
    }

    /**
     * Waits until the flag is set, as long as it takes (returns at once if it is).
     *
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if the flag is set), or while it waits (noticed within 50 ms); the interrupt status is
     *     cleared
     */
    public void await() throws InterruptedException {
        state.await(-1);
    }

    /**
     * Waits until the flag is set, at most {@code timeout}; returns once the time is up
     * otherwise. A timeout of zero or less only looks.
     *
     * @param timeout the longest wait; zero or negative only looks
     * @return whether the flag was seen set, as Python's {@code wait(timeout)} returns; false if
     *     the time ran out
     * @throws InterruptedException if this thread is interrupted when it calls this method (even
     *     if the flag is set), or while it waits (noticed within 50 ms); the interrupt status is
     *     cleared
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return state.await(Deadline.nanos(timeout, "timeout"));
    }

    /** {@code SharedEvent[set]} or {@code SharedEvent[clear]}. */
    @Override
    public String toString() {
        return "SharedEvent[" + (state.isSet() ? "set" : "clear") + "]";
    }
}
