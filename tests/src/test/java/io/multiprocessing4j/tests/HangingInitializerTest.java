package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 5: an initializer that never returns, in a pool with {@code taskTimeout(2 s)}. It
 * runs under the pool's time limit: the tasks waiting for it fail (within a bound, not never) with
 * a {@link TaskException} whose message names the initializer, and {@code close()} returns.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HangingInitializerTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void aHangingInitializerFailsTheWaitingTasksNamingIt() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).taskTimeout(Duration.ofSeconds(2))
                    .initializer(HostileJobsTasks.recordThenHang(started.directory())));
            List<AsyncResult<Integer>> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiting.add(pool.applyAsync(HostileJobsTasks.sleepThenSquare(0, i)));
            }
            for (int i = 0; i < waiting.size(); i++) {
                Object outcome = Outcome.of(waiting.get(i), WAIT, "task " + i + " behind a hanging initializer");
                TaskException e = assertInstanceOf(TaskException.class, outcome, "task " + i + " came to " + outcome);
                assertTrue(e.getMessage().contains("initializer"), "the message does not name the initializer: "
                        + e.getMessage());
                assertTrue(e.getMessage().contains("HostileJobs.recordThenHang"),
                        "the message does not name the initializer's method: " + e.getMessage());
            }
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }
}
