package io.multiprocessing4j;

import java.util.Arrays;

/**
 * Figures of a {@link Pool} at one moment, from {@link Pool#stats()}: how many workers it has,
 * where its tasks are, and how many workers it has replaced and why. Immutable; the figures of
 * one snapshot are read together under the pool's lock, except {@link #tasksDone()} and
 * {@link #tasksFailed()}, which count outcomes as they are handed over (so a task just answered
 * may show in neither {@link #tasksRunning()} nor {@link #tasksDone()} for an instant).
 *
 * <p>Tasks are counted one by one, not in chunks: a {@code map} of 1,000 items in chunks of 50
 * is 1,000 tasks.
 */
public final class PoolStats {

    private final int workersAlive;
    private final long tasksQueued;
    private final long tasksRunning;
    private final long tasksDone;
    private final long tasksFailed;
    private final long[] replaced;

    /**
     * A snapshot; built by the pool.
     *
     * @param replaced workers replaced, indexed by {@link ReplacementReason#ordinal()}; copied
     */
    PoolStats(int workersAlive, long tasksQueued, long tasksRunning, long tasksDone, long tasksFailed,
            long[] replaced) {
        this.workersAlive = workersAlive;
        this.tasksQueued = tasksQueued;
        this.tasksRunning = tasksRunning;
        this.tasksDone = tasksDone;
        this.tasksFailed = tasksFailed;
        this.replaced = Arrays.copyOf(replaced, ReplacementReason.values().length);
    }

    /**
     * Worker processes the pool has now, whatever they do: starting, running its initializer,
     * working, idle, or retiring.
     *
     * @return the number of worker processes that have connected and not yet exited
     */
    public int workersAlive() {
        return workersAlive;
    }

    /**
     * Tasks submitted and waiting for a worker.
     *
     * @return the tasks in the pool's queue
     */
    public long tasksQueued() {
        return tasksQueued;
    }

    /**
     * Tasks sent to a worker and not yet answered: the ones running, and the few each worker
     * holds to start next without a round trip.
     *
     * @return the tasks sent to workers and not answered
     */
    public long tasksRunning() {
        return tasksRunning;
    }

    /**
     * Tasks that returned a result, since the pool started.
     *
     * @return the tasks that returned
     */
    public long tasksDone() {
        return tasksDone;
    }

    /**
     * Tasks that failed, since the pool started: they threw, ran past their time limit, lost
     * their worker, or were failed by {@link Pool#terminate()}. A task dropped by
     * {@code cancel} before it ran is in neither this nor {@link #tasksDone()}.
     *
     * @return the tasks that failed
     */
    public long tasksFailed() {
        return tasksFailed;
    }

    /**
     * Workers that left the pool for any {@link ReplacementReason}, since the pool started. Each
     * is replaced by a fresh worker while the pool runs or still has work.
     *
     * @return the workers replaced
     */
    public long workersReplaced() {
        long sum = 0;
        for (long count : replaced) {
            sum += count;
        }
        return sum;
    }

    /**
     * Workers that left the pool for {@code reason}, since the pool started.
     *
     * @param reason why they left
     * @return the workers replaced for that reason
     */
    public long workersReplaced(ReplacementReason reason) {
        return replaced[reason.ordinal()];
    }

    /**
     * The figures in one line, for a log or a status page.
     *
     * @return such as {@code PoolStats[workersAlive=4, tasksQueued=120, ..., workersReplaced=2 (MAX_MEMORY=2)]}
     */
    @Override
    public String toString() {
        StringBuilder reasons = new StringBuilder();
        for (ReplacementReason reason : ReplacementReason.values()) {
            if (replaced[reason.ordinal()] > 0) {
                reasons.append(reasons.length() == 0 ? " (" : ", ").append(reason).append('=')
                        .append(replaced[reason.ordinal()]);
            }
        }
        if (reasons.length() > 0) {
            reasons.append(')');
        }
        return "PoolStats[workersAlive=" + workersAlive + ", tasksQueued=" + tasksQueued + ", tasksRunning="
                + tasksRunning + ", tasksDone=" + tasksDone + ", tasksFailed=" + tasksFailed + ", workersReplaced="
                + workersReplaced() + reasons + "]";
    }
}
