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
 * waiter spins for a microsecond or so, then sleeps in the kernel: a blocked waiter uses no CPU,
 * and is woken by the set (measured: a round trip of two processes handing the turn back and
 * forth through two events, Python's {@code event_pingpong}, takes 12 to 27 µs). An event has no
 * owner, so no death leaves it in a state that needs repair. Interrupts are noticed within 50 ms.
 */
public final class SharedEvent extends SharedObject {

    private final EventState state;

    private SharedEvent(Segment segment) {
        super(segment);
        this.state = new EventState(segment);
    }

    /**
     * A new event, not set.
     *
     * @throws java.io.UncheckedIOException if its shared memory cannot be created
     */
    public static SharedEvent create() {
        return new SharedEvent(Header.create(SharedKind.EVENT, EventState.PAYLOAD, 0));
    }

    static SharedEvent open(String name) {
        return new SharedEvent(Header.open(name, SharedKind.EVENT, detail -> EventState.PAYLOAD));
    }

    /** Sets the flag and wakes every waiter, in every process. */
    public void set() {
        state.set();
    }

    /** Clears the flag: waiters from now on wait. */
    public void clear() {
        state.clear();
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return state.isSet();
    }

    /**
     * Waits until the flag is set (returns at once if it is).
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    public void await() throws InterruptedException {
        state.await(-1);
    }

    /**
     * Waits until the flag is set, at most {@code timeout}; returns on time.
     *
     * @return whether the flag is set, as Python's {@code wait(timeout)} returns
     * @throws InterruptedException if interrupted before or while waiting
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
