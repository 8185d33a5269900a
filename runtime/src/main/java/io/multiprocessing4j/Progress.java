package io.multiprocessing4j;

/**
 * How far a piece of work has come, counted in tasks (items of a {@code map}, not chunks): from
 * {@link AsyncResult#progress()}, or handed to a {@link ProgressListener}. A task counts as done
 * once its outcome has arrived in this JVM, whether it returned or failed.
 *
 * @param done tasks whose outcome has arrived, from 0 to {@code total}
 * @param total tasks in the work, or -1 where it is not known (an {@code imap} of an input that is
 *     not a {@link java.util.Collection}; for a whole pool, the tasks submitted so far)
 */
public record Progress(long done, long total) {

    /**
     * Checks the figures.
     *
     * @param done tasks whose outcome has arrived
     * @param total tasks in the work, or -1 where it is not known
     * @throws IllegalArgumentException if {@code done} is negative, {@code total} is less than -1,
     *     or {@code done} passes a known {@code total}
     */
    public Progress {
        if (done < 0 || total < -1 || (total >= 0 && done > total)) {
            throw new IllegalArgumentException("not a progress: " + done + " of " + total);
        }
    }

    /**
     * Whether every task has an outcome.
     *
     * @return {@code true} if the total is known and reached
     */
    public boolean isComplete() {
        return total >= 0 && done == total;
    }

    /**
     * The part done, from 0 to 1: what a progress bar shows.
     *
     * @return {@code done / total}, 1 for an empty piece of work, or {@code NaN} if the total is
     *     not known
     */
    public double fraction() {
        if (total < 0) {
            return Double.NaN;
        }
        return total == 0 ? 1 : (double) done / total;
    }

    /**
     * For messages.
     *
     * @return such as {@code "250/1000"}, or {@code "250/?"} if the total is not known
     */
    @Override
    public String toString() {
        return done + "/" + (total < 0 ? "?" : Long.toString(total));
    }
}
