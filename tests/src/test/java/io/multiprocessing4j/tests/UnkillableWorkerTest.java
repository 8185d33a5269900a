package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 3: a task spinning in C2-compiled counted loops past {@code taskTimeout(3 s)}, in a
 * worker run with {@code -XX:+UseSerialGC} (whose counted loops have no safepoint polls, so
 * {@code Runtime.halt} in the worker waits for the loop). The task fails with
 * {@link TaskTimeoutException}, the worker process is gone soon after (SIGKILL, whatever the
 * worker said), a replacement starts, and the pool of one takes more work.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnkillableWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aWorkerSpinningWithoutSafepointsIsKilledAndReplaced() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).taskTimeout(Duration.ofSeconds(3))
                    .jvmOptions("-XX:+UseSerialGC").initializer(started.initializer()));
            long spinner = (Long) Outcome.of(pool.applyAsync(HostileJobsTasks.pid()), WAIT, "the first pid");
            AsyncResult<Long> spinning = pool.applyAsync(HostileJobsTasks.spinCounted());
            Object outcome = Outcome.of(spinning, WAIT, "the spinning task");
            TaskTimeoutException e = assertInstanceOf(TaskTimeoutException.class, outcome, "it came to " + outcome);
            assertEquals(Duration.ofSeconds(3), e.timeout());
            // A grace of a few seconds past the deadline, on a loaded machine.
            Jvms.awaitGone(List.of(spinner), Duration.ofSeconds(15));
            Object next = Outcome.of(pool.applyAsync(HostileJobsTasks.pid()), WAIT, "a task after the timeout");
            assertInstanceOf(Long.class, next, "it came to " + next);
            assertNotEquals(spinner, next);
            assertEquals(49, Outcome.of(pool.applyAsync(HostileJobsTasks.sleepThenSquare(0, 7)), WAIT,
                    "another task"));
            assertTrue(started.count() <= 3, "workers started for one timeout: " + started.files());
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }
}
