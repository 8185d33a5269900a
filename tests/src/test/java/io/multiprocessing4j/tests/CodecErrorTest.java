package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.Task;
import io.multiprocessing4j.TaskException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 2: an {@code Error} thrown in a worker's encode or decode path (a result whose
 * {@code writeObject} throws {@code AssertionError}; an exception whose {@code getMessage()} throws
 * an Error, or whose {@code getCause()} does; an argument whose {@code readObject} throws an Error
 * in the child; and, for comparison, a task that simply throws an Error) fails that task with a
 * {@link TaskException} naming it, while the ordinary tasks
 * around it, before and after on the same two workers, complete with their values, and
 * {@code close()} returns.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CodecErrorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aResultWhoseWriteObjectThrowsAnErrorFailsOnlyItsTask() {
        failsOnlyItself(HostileJobsTasks.unwritableResult(5), "HostileJobs.unwritableResult(5)");
    }

    @Test
    void anExceptionWhoseGetMessageThrowsAnErrorFailsOnlyItsTask() {
        failsOnlyItself(HostileJobsTasks.throwMessageBomb(6), "HostileJobs.throwMessageBomb(6)");
    }

    @Test
    void anExceptionWhoseGetCauseThrowsAnErrorFailsOnlyItsTask() {
        failsOnlyItself(HostileJobsTasks.throwCauseBomb(7), "HostileJobs.throwCauseBomb(7)");
    }

    @Test
    void aTaskThatThrowsAnErrorFailsOnlyItsTask() {
        failsOnlyItself(HostileJobsTasks.throwError(4), "HostileJobs.throwError(4)");
    }

    @Test
    void anArgumentWhoseReadObjectThrowsAnErrorInTheChildFailsOnlyItsTask() {
        failsOnlyItself(HostileJobsTasks.swallow(new HostileJobs.UnreadableInChild(8)),
                "HostileJobs.swallow(UnreadableInChild(8))");
    }

    /**
     * Runs {@code bad} three times among 60 ordinary tasks on a pool of two, so each worker meets
     * it at least once with work queued behind it.
     */
    private static void failsOnlyItself(Task<?> bad, String named) {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            List<AsyncResult<Integer>> ordinary = new ArrayList<>();
            List<AsyncResult<?>> failing = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ordinary.add(pool.applyAsync(HostileJobsTasks.sleepThenSquare(2, i)));
                if (i % 20 == 10) {
                    failing.add(pool.applyAsync(bad));
                }
            }
            for (AsyncResult<?> result : failing) {
                Object outcome = Outcome.of(result, WAIT, named);
                TaskException e = assertInstanceOf(TaskException.class, outcome, named + " came to " + outcome);
                assertTrue(e.getMessage().contains(named), "the message does not name the task: " + e.getMessage());
            }
            for (int i = 0; i < ordinary.size(); i++) {
                assertEquals(i * i, Outcome.of(ordinary.get(i), WAIT, "ordinary task " + i), "ordinary task " + i);
            }
            assertEquals(81, Outcome.of(pool.applyAsync(HostileJobsTasks.sleepThenSquare(0, 9)), WAIT,
                    "a task after the failures"));
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }
}
