package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.WorkerDiedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, item 6: {@code imap(x -> haltAt(x, 15), range(40), 10)} on a pool of two. The worker
 * dies at item 15 of the chunk 10..19: the results of 10..14, produced before it died, are
 * delivered; 15 alone fails with {@link WorkerDiedException} naming that task; 16..19 run
 * elsewhere and are delivered; and every other chunk is unaffected.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunkDeathTest {

    @Test
    void aDeathInsideAChunkFailsOnlyTheTaskItWasRunning() throws Exception {
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            List<Integer> input = IntStream.range(0, 40).boxed().collect(Collectors.toList());
            CompletableFuture<List<String>> delivered = CompletableFuture.supplyAsync(() -> {
                List<String> outcomes = new ArrayList<>();
                Iterator<Integer> results = pool.imap(x -> HostileJobsTasks.haltAt(x, 15), input, 10).iterator();
                // next() alone: the stream's hasNext() fetches the next outcome, and so throws too.
                for (int x = 0; x < input.size(); x++) {
                    try {
                        outcomes.add(String.valueOf(results.next()));
                    } catch (WorkerDiedException e) {
                        outcomes.add("died: " + e.getMessage());
                    }
                }
                return outcomes;
            }, StartedWorkers.daemon("imap"));
            List<String> outcomes;
            try {
                outcomes = delivered.get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("imap did not finish within 60 s; " + Outcome.liveChildren(), e);
            }
            assertEquals(40, outcomes.size(), outcomes.toString());
            for (int x = 0; x < 40; x++) {
                if (x == 15) {
                    String death = outcomes.get(x);
                    assertTrue(death.startsWith("died: "), "item 15 came to " + death);
                    assertTrue(death.contains("HostileJobs.haltAt(15, 15)"), "the failure does not name the task: " + death);
                } else {
                    assertEquals(String.valueOf(x * x), outcomes.get(x), "item " + x + " in " + outcomes);
                }
            }
            StartedWorkers.closeWithin(pool, Duration.ofSeconds(30));
        }
    }
}
