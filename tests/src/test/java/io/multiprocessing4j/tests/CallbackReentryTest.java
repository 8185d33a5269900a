package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Beyond the letter of issue 7, item 4 (which asks only that {@code close()} from a callback not
 * deadlock): a completion callback that calls back into the pool and waits,
 * {@code applyAsync(..).thenApply(v -> v + pool.apply(..))}, on a pool of one worker. If callbacks
 * run on the thread that reads that worker's results, the nested {@code apply} waits for a result
 * only its own thread can read, and never returns. A user cannot know which thread runs a
 * callback, so the nested call must complete.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallbackReentryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void applyFromACompletionCallbackDoesNotDeadlock() {
        try (StartedWorkers started = new StartedWorkers()) {
            // One worker: the callback's own task can only come back through the connection whose
            // result ran the callback.
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            // Long enough that the callback is attached before the result arrives, so a pool
            // thread runs it.
            AsyncResult<Integer> first = pool.applyAsync(HostileJobsTasks.sleepThenSquare(500, 3));
            CompletableFuture<Integer> nested = first.thenApply(v -> v + pool.apply(HostileJobsTasks.sleepThenSquare(0, 4)));
            assertEquals(25, Outcome.of(nested, WAIT, "the callback that calls apply()"));
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }
}
