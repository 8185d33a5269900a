package io.multiprocessing4j.internal.manager;

/**
 * A manager's barrier, held by its server: a {@code CyclicBarrier} that can also stay broken
 * ({@link #abort()}) until {@link #reset()}. A waiter that times out, or whose wait is cancelled
 * (its client interrupted it, disconnected or died), breaks it for the others. Waiters wait on this
 * object's monitor; each round is a {@link Round} object, so a waiter knows whether its own round
 * passed or broke.
 */
final class ServerBarrier {

    /** One round: broken, or passed once a newer round replaced it. */
    private static final class Round {
        boolean broken;
    }

    private final int parties;
    private int arrived;
    private Round round = new Round();

    ServerBarrier(int parties) {
        this.parties = parties;
    }

    int parties() {
        return parties;
    }

    /**
     * Arrives and waits at most {@code nanos}.
     *
     * @return the arrival index ({@code parties - 1} for the first, 0 for the last), or
     *     {@link Op#BARRIER_BROKEN}, or {@link Op#BARRIER_TIMED_OUT} (which broke it)
     * @throws InterruptedException if the wait was cancelled; the barrier is broken for the others
     */
    synchronized int await(long nanos) throws InterruptedException {
        Round mine = round;
        if (mine.broken) {
            return Op.BARRIER_BROKEN;
        }
        int index = parties - 1 - arrived;
        if (++arrived == parties) {
            arrived = 0;
            round = new Round();
            notifyAll();
            return 0;
        }
        TimedWait wait = new TimedWait(nanos);
        while (true) {
            boolean waited;
            try {
                waited = wait.await(this);
            } catch (InterruptedException e) {
                if (mine == round && !mine.broken) {
                    breakRound();
                    throw e;
                }
                if (!mine.broken) {
                    Thread.currentThread().interrupt(); // the round passed as the cancel came
                    return index;
                }
                throw e;
            }
            if (mine.broken) {
                return Op.BARRIER_BROKEN;
            }
            if (mine != round) {
                return index;
            }
            if (!waited) {
                breakRound();
                return Op.BARRIER_TIMED_OUT;
            }
        }
    }

    private void breakRound() {
        round.broken = true;
        arrived = 0;
        notifyAll();
    }

    synchronized int numberWaiting() {
        return round.broken ? 0 : arrived;
    }

    synchronized boolean isBroken() {
        return round.broken;
    }

    synchronized void abort() {
        if (!round.broken) {
            breakRound();
        }
    }

    synchronized void reset() {
        if (arrived > 0) {
            breakRound();
        }
        if (round.broken) {
            round = new Round();
        }
    }
}
