package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ReplacementReason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a pool tells the world about itself: its workers' lifecycle in the log, through
 * {@link System.Logger} (logger {@value #LOGGER_NAME}, so JUL, SLF4J or Log4j see it with their
 * own configuration and no new dependency), and the running counts behind {@code Pool.stats()}.
 *
 * <p>Levels: a worker started, ready or stopped by the pool's close at {@code DEBUG}; a worker
 * recycled as configured ({@code maxTasksPerChild}, {@code maxMemoryPerChild}) or halted for a
 * cancel at {@code INFO}; a worker that died, timed out, or whose initializer failed or hung, and
 * a pool that stops replacing its workers, at {@code WARNING}.
 *
 * <p>{@link PoolCore} decides and calls in here, from wherever it decides. The counts are atomic
 * and may be bumped under the pool's lock; log records are written by the caller after it has
 * released the lock (through its batch), so a slow or re-entrant log handler never holds up the
 * pool. A message is built only if its level is enabled.
 */
final class PoolEvents {

    /** The logger every pool writes to. */
    static final String LOGGER_NAME = "io.multiprocessing4j.pool";
    private static final Logger LOG = System.getLogger(LOGGER_NAME);

    private final LongAdder tasksDone = new LongAdder();
    private final LongAdder tasksFailed = new LongAdder();
    private final AtomicLongArray replaced = new AtomicLongArray(ReplacementReason.values().length);
    private final AtomicBoolean brokenLogged = new AtomicBoolean();

    /** Counts the outcomes of one delivered unit: {@code count} tasks, {@code failed} of them failures. */
    void delivered(int count, int failed) {
        if (failed < count) {
            tasksDone.add(count - failed);
        }
        if (failed > 0) {
            tasksFailed.add(failed);
        }
    }

    /** Counts a worker that left for {@code reason}. */
    void replaced(ReplacementReason reason) {
        replaced.incrementAndGet(reason.ordinal());
    }

    long tasksDone() {
        return tasksDone.sum();
    }

    long tasksFailed() {
        return tasksFailed.sum();
    }

    long[] replacedByReason() {
        long[] counts = new long[replaced.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = replaced.get(i);
        }
        return counts;
    }

    /** Whether this is the first time the pool is found broken: it is logged once. */
    boolean firstBroken() {
        return brokenLogged.compareAndSet(false, true);
    }

    // ------------------------------------------------------------------ log records, outside the lock

    static void started(String worker) {
        log(Level.DEBUG, worker, "started: connected, running its initializer");
    }

    static void ready(String worker) {
        log(Level.DEBUG, worker, "is ready: takes work");
    }

    static void initializerFailed(String worker, String initializer, String failure) {
        log(Level.WARNING, worker, "is ready, but the pool's initializer " + initializer + " failed there: "
                + failure + "; every task it is given fails saying so");
    }

    /** A worker left the pool; {@code reason} {@code null} for a close or terminate. */
    static void exited(String worker, ReplacementReason reason, String detail) {
        Level level = reason == null ? Level.DEBUG
                : reason == ReplacementReason.MAX_TASKS || reason == ReplacementReason.MAX_MEMORY
                        || reason == ReplacementReason.CANCELLED ? Level.INFO : Level.WARNING;
        if (!LOG.isLoggable(level)) {
            return;
        }
        LOG.log(level, worker + (reason == null ? " exited: " : " replaced, reason " + reason.name().toLowerCase()
                .replace('_', ' ') + ": ") + detail);
    }

    static void broken(String why) {
        log(Level.WARNING, "the pool", "stopped replacing its workers: " + why
                + "; queued and new work fails");
    }

    private static void log(Level level, String worker, String what) {
        if (LOG.isLoggable(level)) {
            LOG.log(level, worker + " " + what);
        }
    }
}
