package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Beyond the letter of issue 7, item 4 (which asks only that {@code close()} from a callback not
 * deadlock): a completion callback that calls back into the pool and waits,
 * {@code applyAsync(..).thenApply(v -> v + pool.apply(..))}, on a pool of one worker. If callbacks
 * run on the thread that reads that worker's results, the nested {@code apply} waits for a result
 * only its own thread can read, and never returns. A user cannot know which thread runs a
 * callback, so the nested call must complete; so must a {@code map}, an {@code imap} iterated, and
 * a {@code get()} of another result, in a callback; and a callback that throws an {@code Error}
 * fails only its own dependent future.
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

    @Test
    void mapAndImapFromACompletionCallbackDoNotDeadlock() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            List<Integer> input = List.of(1, 2, 3, 4, 5, 6, 7);
            AsyncResult<Integer> first = pool.applyAsync(HostileJobsTasks.sleepThenSquare(500, 3));
            CompletableFuture<List<Integer>> mapped = first.thenApply(
                    v -> pool.map(x -> HostileJobsTasks.sleepThenSquare(0, x), input, 3));
            CompletableFuture<List<Integer>> streamed = first.thenApply(v -> {
                try (Stream<Integer> results = pool.imap(x -> HostileJobsTasks.sleepThenSquare(0, x), input)) {
                    return results.collect(Collectors.toList());
                }
            });
            List<Integer> squares = List.of(1, 4, 9, 16, 25, 36, 49);
            assertEquals(squares, Outcome.of(mapped, WAIT, "the callback that calls map()"));
            assertEquals(squares, Outcome.of(streamed, WAIT, "the callback that iterates imap()"));
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    /**
     * A callback that waits for another result of the pool with {@code get()}: that result's
     * completion is queued behind the waiting callback, and must still be made.
     */
    @Test
    void getOfAnotherResultFromACompletionCallbackDoesNotDeadlock() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            AsyncResult<Integer> first = pool.applyAsync(HostileJobsTasks.sleepThenSquare(500, 3));
            CompletableFuture<Integer> nested = first.thenApply(v -> {
                try {
                    return v + pool.applyAsync(HostileJobsTasks.sleepThenSquare(0, 5)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            assertEquals(34, Outcome.of(nested, WAIT, "the callback that calls get() of another result"));
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }

    /**
     * A callback that throws an {@code Error}: its dependent future fails with it; the result it
     * hangs on, the other callbacks and the pool go on.
     */
    @Test
    void anErrorThrownByACallbackFailsOnlyItsDependentFuture() {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            AsyncResult<Integer> first = pool.applyAsync(HostileJobsTasks.sleepThenSquare(500, 3));
            AssertionError bomb = new AssertionError("a callback exploded");
            CompletableFuture<Integer> exploded = first.thenApply(v -> {
                throw bomb;
            });
            CompletableFuture<Integer> after = first.thenApply(v -> v + 1);
            Object outcome = Outcome.of(exploded, WAIT, "the callback that throws an Error");
            assertSame(bomb, outcome, "the dependent future came to " + outcome);
            assertEquals(10, Outcome.of(after, WAIT, "a callback beside the one that threw"));
            assertEquals(9, Outcome.of(first, WAIT, "the result the callbacks hang on"));
            assertEquals(16, pool.apply(HostileJobsTasks.sleepThenSquare(0, 4)), "the pool goes on");
            assertEquals(25, Outcome.of(pool.applyAsync(HostileJobsTasks.sleepThenSquare(0, 5)).thenApply(v -> v),
                    WAIT, "a callback after the one that threw"));
            StartedWorkers.closeWithin(pool, WAIT);
            assertTrue(started.count() == 1, "no worker died: " + started.files());
        }
    }
}
