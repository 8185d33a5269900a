package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskException;
import io.multiprocessing4j.TaskFailedException;
import io.multiprocessing4j.TaskTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 9: the messages say what happened. An {@code Error} in the parent while it decodes
 * a result is that task's failure ({@link TaskFailedException}), not a worker "killed by signal 9";
 * an argument the child cannot decode is named as the task, not as "task 1 of 1 in unit 1"; and a
 * limit of 1 ns is printed as such, not as "0 s".
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolDiagnosticsTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void anErrorDecodingAResultInTheParentIsTheTasksFailureNotAKill() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            Object outcome = Outcome.of(pool.applyAsync(HostileJobsTasks.unreadableInParent(4)), WAIT,
                    "a result the parent cannot decode");
            TaskFailedException e = assertInstanceOf(TaskFailedException.class, outcome, "it came to " + outcome);
            assertFalse(e.getMessage().contains("signal"), e.getMessage());
            assertTrue(e.getMessage().contains("HostileJobs.unreadableInParent(4)"), e.getMessage());
            assertEquals(9, Outcome.of(pool.applyAsync(HostileJobsTasks.sleepThenSquare(0, 3)), WAIT, "the next task"));
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    @Test
    void anArgumentTheChildCannotDecodeIsNamedAsTheTask() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            Object outcome = Outcome.of(pool.applyAsync(HostileJobsTasks.swallow(new HostileJobs.UnreadableInChild(2))),
                    WAIT, "an argument the child cannot decode");
            TaskException e = assertInstanceOf(TaskException.class, outcome, "it came to " + outcome);
            assertTrue(e.getMessage().contains("HostileJobs.swallow(UnreadableInChild(2))"), e.getMessage());
            assertFalse(e.getMessage().contains(" in unit "), e.getMessage());
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    @Test
    void aOneNanosecondLimitIsPrintedAsOneNanosecond() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            Object outcome = Outcome.of(pool.applyAsync(HostileJobsTasks.sleepThenSquare(50, 2), Duration.ofNanos(1)),
                    WAIT, "a task with a limit of 1 ns");
            TaskTimeoutException e = assertInstanceOf(TaskTimeoutException.class, outcome, "it came to " + outcome);
            assertEquals(Duration.ofNanos(1), e.timeout());
            assertTrue(e.getMessage().contains("1 ns"), e.getMessage());
            assertFalse(e.getMessage().contains(" 0 s"), e.getMessage());
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }
}
