package io.multiprocessing4j.internal.channel;

import java.util.function.BooleanSupplier;

/**
 * How long a taker or receiver that finds nothing spins, looking again, before it sleeps: as long
 * as spinning has lately paid, and not at all while it has not.
 *
 * <p><b>Why spin.</b> Between two processes that answer each other at once (a request and its
 * reply through a pipe), the answer arrives within a few microseconds of the question; sleeping
 * on a futex instead adds a system call to wake the sleeper and the scheduler's delay to run it.
 * <b>Why not always.</b> On a machine with more runnable threads than cores, the answer comes only
 * once the other process gets a core, which the spinner may be holding: there, measured on the
 * project's 2-core machine under a load of 10, a 30 µs spin made a pipe's round trip twice as
 * slow as sleeping at once. So each waiting site keeps a budget: a spin that sees what it waits
 * for doubles it (up to {@value #MAX_NANOS} ns), one that does not halves it, down to nothing;
 * while it is nothing, every {@value #PROBE_EVERY}th wait spins {@value #PROBE_NANOS} ns to find
 * out whether spinning pays again. A blocked waiter thus spins at most once per wait and never
 * while it sleeps.
 *
 * <p>Not synchronized: the budget is a hint, and a lost update between threads only makes one
 * wait spin a little more or less.
 */
final class Spin {

    static final long MAX_NANOS = 50_000;
    static final long PROBE_NANOS = 2_000;
    static final int PROBE_EVERY = 32;
    private static final long FIRST_NANOS = 20_000;

    private long budget = FIRST_NANOS;
    private int sinceProbe;

    /**
     * Spins until {@code arrived} says so or the budget (at most {@code limit} ns) is spent, and
     * adjusts the budget.
     *
     * @return whether it arrived while spinning
     */
    boolean spin(BooleanSupplier arrived, long limit) {
        long nanos = budget;
        if (nanos == 0) {
            if (++sinceProbe < PROBE_EVERY) {
                return false;
            }
            sinceProbe = 0;
            nanos = PROBE_NANOS;
        }
        nanos = Math.min(nanos, limit);
        long until = System.nanoTime() + nanos;
        do {
            if (arrived.getAsBoolean()) {
                budget = Math.min(MAX_NANOS, Math.max(PROBE_NANOS, budget * 2));
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - until < 0);
        budget = budget / 2 < PROBE_NANOS / 2 ? 0 : budget / 2;
        return false;
    }
}
