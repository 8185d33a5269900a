package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.PoolStats;
import io.multiprocessing4j.ReplacementReason;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.TaskFailedException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, item 3: a pool says what happens to its workers in the log (JUL here, through
 * {@code System.Logger}) and in {@link Pool#stats()}, with real worker JVMs.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolObservabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aWorkerRecycledByTaskCountIsLoggedAndCounted() {
        try (PoolLog log = new PoolLog(); StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).maxTasksPerChild(2).initializer(started.initializer()));
            log.await(Level.FINE, WAIT, "PoolWorker-1", "started");
            log.await(Level.FINE, WAIT, "PoolWorker-1", "is ready");
            List<Integer> squares = pool.map(PoolJobsTasks::square, List.of(1, 2, 3, 4, 5), 1);
            assertEquals(List.of(1, 4, 9, 16, 25), squares);
            log.await(Level.INFO, WAIT, "PoolWorker-1", "replaced, reason max tasks", "maxTasksPerChild of 2");
            log.await(Level.INFO, WAIT, "PoolWorker-2", "replaced, reason max tasks");
            PoolStats stats = pool.stats();
            assertEquals(5, stats.tasksDone(), stats.toString());
            assertEquals(0, stats.tasksFailed(), stats.toString());
            assertEquals(0, stats.tasksQueued(), stats.toString());
            assertEquals(0, stats.tasksRunning(), stats.toString());
            assertTrue(stats.workersReplaced(ReplacementReason.MAX_TASKS) >= 2, stats.toString());
            assertEquals(stats.workersReplaced(), stats.workersReplaced(ReplacementReason.MAX_TASKS), stats.toString());
            StartedWorkers.closeWithin(pool, WAIT);
            log.await(Level.FINE, WAIT, "exited: stopped, the pool is closing");
            assertEquals(0, pool.stats().workersAlive(), pool.stats().toString());
        }
    }

    @Test
    void aWorkerThatDiesIsAWarningWithItsExitCodeAndTask() {
        try (PoolLog log = new PoolLog(); StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            Object outcome = Outcome.of(pool.applyAsync(PoolJobsTasks.exit(7)), WAIT, "a task that exits");
            assertInstanceOf(WorkerDiedException.class, outcome, "it came to " + outcome);
            String record = log.await(Level.WARNING, WAIT, "PoolWorker-1", "replaced, reason died",
                    "exit code 7", "PoolJobs.exit(7)");
            assertEquals(9, pool.apply(PoolJobsTasks.square(3)), record);
            PoolStats stats = pool.stats();
            assertEquals(1, stats.workersReplaced(ReplacementReason.DIED), stats.toString());
            assertEquals(1, stats.tasksFailed(), stats.toString());
            assertEquals(1, stats.tasksDone(), stats.toString());
            assertEquals(1, stats.workersAlive(), stats.toString());
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    @Test
    void aTimeoutIsAWarningAndCountsAsTimedOut() {
        try (PoolLog log = new PoolLog(); StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            Object outcome = Outcome.of(pool.applyAsync(PoolFixJobsTasks.sleepForever(), Duration.ofMillis(200)),
                    WAIT, "a task past its limit");
            assertInstanceOf(TaskTimeoutException.class, outcome, "it came to " + outcome);
            log.await(Level.WARNING, WAIT, "PoolWorker-1", "replaced, reason timed out");
            assertEquals(4, pool.apply(PoolJobsTasks.square(2)));
            assertEquals(1, pool.stats().workersReplaced(ReplacementReason.TIMED_OUT), pool.stats().toString());
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    @Test
    void aFailingInitializerIsAWarningNamingIt() {
        try (PoolLog log = new PoolLog(); StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(PoolJobsTasks.failingInitializer()));
            log.await(Level.WARNING, WAIT, "PoolWorker-1", "PoolJobs.failingInitializer()", "no database here");
            Object outcome = Outcome.of(pool.applyAsync(PoolJobsTasks.square(2)), WAIT, "a task after it");
            assertInstanceOf(TaskFailedException.class, outcome, "it came to " + outcome);
            assertEquals(1, pool.stats().tasksFailed(), pool.stats().toString());
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    @Test
    void statsShowQueuedAndRunningTasksWhileTheyWait() throws InterruptedException {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            SharedEvent running = SharedEvent.create();
            AsyncResult<Void> blocker = pool.applyAsync(PoolFixJobsTasks.sleepForeverOnceRunning(running));
            // Running in the worker, not only sent: a task cancelled before it begins is dropped
            // from the worker's queue, and the worker stays (and is not counted as replaced).
            assertTrue(running.await(WAIT), "the blocker did not begin within " + WAIT);
            awaitStats(pool, s -> s.tasksRunning() == 1, "the blocker sent to the worker");
            List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());
            AsyncResult<List<Integer>> queued = pool.mapAsync(PoolJobsTasks::square, items, 1);
            PoolStats stats = pool.stats();
            assertEquals(41, stats.tasksQueued() + stats.tasksRunning(), stats.toString());
            assertTrue(stats.tasksRunning() >= 1, stats.toString());
            assertEquals(1, stats.workersAlive(), stats.toString());
            assertEquals(0, stats.tasksDone(), stats.toString());
            blocker.cancel(true);
            assertEquals(items.stream().map(x -> x * x).collect(Collectors.toList()), Outcome.of(queued, WAIT, "the map"));
            PoolStats after = pool.stats();
            assertEquals(40, after.tasksDone(), after.toString());
            assertEquals(0, after.tasksQueued() + after.tasksRunning(), after.toString());
            assertEquals(0, after.tasksFailed(), after.toString());
            // The replacement starts as soon as the cancel is sent; the halted worker counts as
            // replaced once its exit is seen, which may come after the map's last result.
            awaitStats(pool, s -> s.workersReplaced(ReplacementReason.CANCELLED) == 1, "the cancelled worker's exit");
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    /** Polls {@code pool.stats()} until {@code condition} holds, failing after {@link #WAIT}. */
    static PoolStats awaitStats(Pool pool, java.util.function.Predicate<PoolStats> condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PoolStats stats = pool.stats();
        while (!condition.test(stats)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not seen within " + WAIT.toSeconds() + " s; last " + stats);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            stats = pool.stats();
        }
        return stats;
    }
}
