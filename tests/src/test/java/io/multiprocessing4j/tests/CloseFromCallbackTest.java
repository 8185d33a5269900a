package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 4: {@code pool.close()} (or {@code terminate()}) called from a completion callback,
 * {@code applyAsync(..).thenApply(v -> { pool.close(); ... })}, where the callback runs on whatever
 * thread completes the result, does not deadlock: the callback's future completes, work submitted
 * before it still completes with its value (close() finishes submitted work), and the workers
 * exit.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseFromCallbackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void closeFromACompletionCallbackDoesNotDeadlock() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            // Long enough that the callback is attached before the result arrives, so a pool
            // thread runs it.
            AsyncResult<Integer> first = pool.applyAsync(HostileJobsTasks.sleepThenSquare(500, 3));
            AsyncResult<Integer> later = pool.applyAsync(HostileJobsTasks.sleepThenSquare(1500, 4));
            CompletableFuture<Integer> closed = first.thenApply(v -> {
                pool.close();
                return v + 1;
            });
            assertEquals(10, Outcome.of(closed, WAIT, "the callback that closes the pool"));
            assertEquals(16, Outcome.of(later, WAIT, "the task submitted before close()"));
            Jvms.awaitGone(started.pids(), WAIT);
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    @Test
    void terminateFromACompletionCallbackDoesNotDeadlock() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            AsyncResult<Integer> first = pool.applyAsync(HostileJobsTasks.sleepThenSquare(500, 3));
            AsyncResult<Integer> pending = pool.applyAsync(HostileJobsTasks.sleepThenSquare(60_000, 4));
            CompletableFuture<Integer> terminated = first.thenApply(v -> {
                pool.terminate();
                return v + 1;
            });
            assertEquals(10, Outcome.of(terminated, WAIT, "the callback that terminates the pool"));
            Object outcome = Outcome.of(pending, WAIT, "the task cut short by terminate()");
            assertEquals(CancellationException.class, outcome.getClass(),
                    "it came to " + outcome);
            Jvms.awaitGone(started.pids(), WAIT);
        }
    }
}
