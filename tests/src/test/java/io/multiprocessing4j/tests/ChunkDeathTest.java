package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLongArray;
import io.multiprocessing4j.Task;
import io.multiprocessing4j.TaskException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 6: a worker that dies inside a chunk fails only the task it died under. The
 * results of the chunk's tasks before it, produced before it died, are delivered; that task alone
 * fails, named; the rest of the chunk runs elsewhere; every other chunk is unaffected; and each
 * item comes out exactly once. The death is a halt from the task itself, a {@code kill -9} from
 * outside, or the task's time limit.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunkDeathTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * {@code imap(x -> haltAt(x, 15), range(40), 10)} on a pool of two: the worker dies at item 15
     * of the chunk 10..19.
     */
    @Test
    void aDeathInsideAChunkFailsOnlyTheTaskItWasRunning() throws Exception {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            CompletableFuture<List<String>> delivered = drain(pool, x -> HostileJobsTasks.haltAt(x, 15), 40, 10);
            List<String> outcomes = within(delivered, "imap");
            assertOnlyOneFailed(outcomes, 15, WorkerDiedException.class, "HostileJobs.haltAt(15, 15)");
            StartedWorkers.closeWithin(pool, Duration.ofSeconds(30));
            assertTrue(started.count() <= 3, "one death, one replacement: " + started.files());
        }
    }

    /**
     * {@code kill -9} of a worker from outside while it runs item 73, in the middle of its chunk
     * 50..99 of an {@code imap} of 200 items in chunks of 50: items 50..72 come from what the
     * worker logged before it died, 73 fails naming the task and the signal, 74..99 run on another
     * worker, and every item is delivered or failed exactly once.
     */
    @Test
    void aKillFromOutsideInsideAChunkFailsOnlyTheTaskItWasRunning() throws Exception {
        SharedEvent arrived = SharedEvent.create();
        SharedLongArray where = SharedLongArray.create(1);
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            CompletableFuture<List<String>> delivered = drain(pool,
                    x -> HostileJobsTasks.squareOrAwaitKill(x, 73, where, arrived), 200, 50);
            assertTrue(arrived.await(WAIT), "item 73 did not start within " + WAIT.toSeconds() + " s");
            long pid = where.get(0);
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false),
                    "the worker running item 73, pid " + pid + ", could not be killed");
            List<String> outcomes = within(delivered, "imap");
            String death = assertOnlyOneFailed(outcomes, 73, WorkerDiedException.class,
                    "HostileJobs.squareOrAwaitKill(73, 73, ");
            assertTrue(death.contains("signal 9") || death.contains("SIGKILL"), "the failure does not say how: " + death);
            StartedWorkers.closeWithin(pool, Duration.ofSeconds(30));
            assertTrue(started.count() <= 3, "one death, one replacement: " + started.files());
        }
    }

    /**
     * A task past its time limit inside a chunk: the chunk's earlier results are kept, that task
     * fails with {@link TaskTimeoutException}, and the rest of the chunk runs elsewhere.
     */
    @Test
    void aTimeoutInsideAChunkFailsOnlyTheTaskThatOverran() throws Exception {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer())
                    .taskTimeout(Duration.ofSeconds(2)));
            CompletableFuture<List<String>> delivered = drain(pool,
                    x -> HostileJobsTasks.sleepThenSquare(x == 15 ? 60_000 : 0, x), 40, 10);
            List<String> outcomes = within(delivered, "imap");
            assertOnlyOneFailed(outcomes, 15, TaskTimeoutException.class, "HostileJobs.sleepThenSquare(60000, 15)");
            StartedWorkers.closeWithin(pool, Duration.ofSeconds(30));
            assertTrue(started.count() <= 3, "one death, one replacement: " + started.files());
        }
    }

    /**
     * Iterates {@code imap(function, range(n), chunksize)} on a thread of its own with
     * {@code next()} alone (the stream's {@code hasNext()} fetches the next outcome, and so throws
     * too): each item's value, or its failure as {@code "<exception class>: <message>"}; and
     * checks that the stream then ends, so no item came out twice.
     */
    private static CompletableFuture<List<String>> drain(Pool pool, Function<Integer, Task<Integer>> function, int n,
            int chunksize) {
        List<Integer> input = IntStream.range(0, n).boxed().collect(Collectors.toList());
        return CompletableFuture.supplyAsync(() -> {
            List<String> outcomes = new ArrayList<>();
            try (Stream<Integer> stream = pool.imap(function, input, chunksize)) {
                Iterator<Integer> results = stream.iterator();
                for (int x = 0; x < n; x++) {
                    try {
                        outcomes.add(String.valueOf(results.next()));
                    } catch (TaskException e) {
                        outcomes.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
                assertFalse(results.hasNext(), "more than " + n + " outcomes: " + outcomes);
            }
            return outcomes;
        }, StartedWorkers.daemon("imap"));
    }

    private static List<String> within(CompletableFuture<List<String>> delivered, String what) throws Exception {
        try {
            return delivered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not finish within " + WAIT.toSeconds() + " s; "
                    + Outcome.liveChildren(), e);
        }
    }

    /**
     * Asserts that every item but {@code failed} came to its square, and that {@code failed}
     * failed with {@code type}, naming {@code task}; returns that failure's message.
     */
    private static String assertOnlyOneFailed(List<String> outcomes, int failed, Class<?> type, String task) {
        for (int x = 0; x < outcomes.size(); x++) {
            if (x != failed) {
                assertEquals(String.valueOf(x * x), outcomes.get(x), "item " + x + " in " + outcomes);
            }
        }
        String death = outcomes.get(failed);
        assertTrue(death.startsWith(type.getSimpleName() + ": "), "item " + failed + " came to " + death);
        assertTrue(death.contains(task), "the failure does not name the task " + task + ": " + death);
        return death;
    }
}
