package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Deadline;
import io.multiprocessing4j.internal.shm.EventBackend;
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
 * <p><b>Costs.</b> {@link #isSet()} is one volatile read of shared memory; {@link #set()} and
 * {@link #clear()} are a read and, unless the flag is as they want it already, a compare-and-set;
 * {@code set()} also makes one system call when someone waits. A
 * waiter spins for a microsecond or so, then sleeps in the kernel, waking only every 50 ms to
 * look around, and is woken by the set (measured: a round trip of two processes handing the
 * turn back and forth through two events, Python's {@code event_pingpong}, takes 12 to 27 µs).
 * Interrupts are noticed within 50 ms.
 *
 * <p><b>A set releases every waiter.</b> A thread that waits returns once the event has been set
 * at any moment since its wait began, even if a {@link #clear()} came before it looked: a
 * {@code set()} at once followed by {@code clear()} (a pulse) releases everyone waiting at the
 * time, in every process, and waiters that come after the clear wait for the next set. That is
 * Python's {@code Event.set()}. {@link #await(Duration)} then returns {@code true}, as Python's
 * {@code threading.Event.wait} does, so {@code false} always means that the time ran out
 * ({@code multiprocessing.Event.wait} returns the flag as it is on return instead, {@code False}
 * after a pulse).
 *
 * <p><b>Failure.</b> An event has no owner, so no death leaves it in a state that needs repair;
 * but nothing tells the waiters that the process that was to set it has died, so wait with a
 * timeout where that can happen.
 */
public final class SharedEvent extends SharedObject {

    private final EventBackend state;

    private SharedEvent(Segment segment) {
        super(segment);
        this.state = new EventState(segment);
    }

    private SharedEvent(EventBackend served) {
        super(served);
        this.state = served;
    }

    /** A event a manager's server holds, for {@link Manager}. */
    static SharedEvent over(EventBackend served) {
        return new SharedEvent(served);
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
     * Sets the flag and releases every thread waiting now, in every process, even if the flag is
     * cleared again before they run: a read and a compare-and-set of shared memory, and one
     * system call if the flag was clear and someone sleeps. Setting a set flag does nothing.
     */
    public void set() {
        state.set();
    }

    /**
     * Clears the flag: waits that begin from now on wait for the next {@link #set()}. Waits
     * that began before the last set return anyway (see above). A read and, if the flag was
     * set, a compare-and-set of shared memory.
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
     * Waits until the flag is set, as long as it takes (returns at once if it is). Returns also
     * when the event was set and cleared again after this wait began (a pulse; see above).
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
     * @return true if the flag was set when this call began, or the event has been set at any
     *     moment since, even if it has been cleared again (a pulse; see above); false only if
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
