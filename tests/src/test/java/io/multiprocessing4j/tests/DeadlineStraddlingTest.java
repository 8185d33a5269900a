package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 1: tasks whose duration straddles their own short time limit
 * ({@code sleep(limit ± 2 ms)}), mixed with a few hundred ordinary tasks on
 * {@code Pool.create(2)}. Every ordinary task completes with its own value (not {@code null}, not
 * the timeout or death of a worker it never ran on); every straddling task completes with its value
 * or with {@link TaskTimeoutException}; {@code close()} returns; and the workers started stay in
 * proportion to the workers the timeouts killed, during the run and during {@code close()} (no
 * restart storm). The same with a limit of 1 ns.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeadlineStraddlingTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void tasksEndingAtTheirLimitNeverCorruptOrdinaryOnes() {
        runMix(Duration.ofMillis(40), 300, 100, 2);
    }

    @Test
    void aOneNanosecondLimitTimesOutItsTasksWithoutARestartStorm() {
        runMix(Duration.ofNanos(1), 150, 20, 0);
    }

    /**
     * Submits {@code ordinary} tasks without a limit of their own and, spread among them,
     * {@code straddling} tasks with {@code limit} that sleep {@code limit - skew} or
     * {@code limit + skew} ms, alternately, on a pool of two.
     */
    private static void runMix(Duration limit, int ordinary, int straddling, int skewMillis) {
        int limitMillis = (int) limit.toMillis();
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            List<AsyncResult<Integer>> plain = new ArrayList<>();
            List<AsyncResult<Integer>> edgy = new ArrayList<>();
            int every = Math.max(1, ordinary / straddling);
            for (int i = 0; i < ordinary; i++) {
                plain.add(pool.applyAsync(HostileJobsTasks.sleepThenSquare(1, i)));
                if (i % every == 0 && edgy.size() < straddling) {
                    int sleep = Math.max(0, edgy.size() % 2 == 0 ? limitMillis - skewMillis : limitMillis + skewMillis);
                    edgy.add(pool.applyAsync(HostileJobsTasks.sleepThenSquare(sleep, edgy.size()), limit));
                }
            }
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < plain.size(); i++) {
                Object outcome = Outcome.of(plain.get(i), WAIT, "ordinary task " + i);
                if (!Integer.valueOf(i * i).equals(outcome)) {
                    wrong.add("ordinary task " + i + " came to " + describe(outcome));
                }
            }
            int timeouts = 0;
            for (int i = 0; i < edgy.size(); i++) {
                Object outcome = Outcome.of(edgy.get(i), WAIT, "straddling task " + i);
                if (outcome instanceof TaskTimeoutException) {
                    timeouts++;
                } else if (!Integer.valueOf(i * i).equals(outcome)) {
                    wrong.add("straddling task " + i + " came to " + describe(outcome));
                }
            }
            assertTrue(wrong.isEmpty(), wrong.size() + " results are wrong: " + wrong);
            int beforeClose = started.count();
            StartedWorkers.closeWithin(pool, WAIT);
            int duringClose = started.count() - beforeClose;
            assertTrue(duringClose <= 2, duringClose + " workers started during close(), with nothing"
                    + " left to run: " + started.files());
            // Each timeout kills one worker; a task that ends as its limit fires may cost one more.
            int allowed = 2 + 2 * timeouts + 2;
            assertTrue(started.count() <= allowed, started.count() + " workers started for " + timeouts
                    + " timeouts (at most " + allowed + " expected): " + started.files());
            assertFalse(started.count() < 2, "the initializer recorded no workers: " + started.files());
        }
    }

    private static String describe(Object outcome) {
        if (outcome instanceof Throwable) {
            return outcome.getClass().getSimpleName() + ": " + ((Throwable) outcome).getMessage();
        }
        return String.valueOf(outcome);
    }
}
