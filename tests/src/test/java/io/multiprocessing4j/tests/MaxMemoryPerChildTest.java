package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.PoolStats;
import io.multiprocessing4j.ReplacementReason;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, item 2: a worker whose resident memory passes {@code maxMemoryPerChild} after a task
 * is replaced, and no task fails for it; with real worker JVMs and a task that leaks on purpose.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MaxMemoryPerChildTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long LIMIT = 200L << 20;
    private static final int LEAK_MB = 24;

    @Test
    void leakingWorkersAreReplacedAndEveryResultIsRight() {
        try (PoolLog log = new PoolLog(); StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).jvmOptions("-Xmx512m").maxMemoryPerChild(LIMIT)
                    .initializer(started.initializer()));
            List<Integer> items = IntStream.range(0, 24).boxed().collect(Collectors.toList());
            Object outcome = Outcome.of(pool.mapAsync(i -> LeakingJobsTasks.leak(i, LEAK_MB), items, 1),
                    WAIT, "the leaking map");
            assertTrue(outcome instanceof List, "it came to " + outcome);
            @SuppressWarnings("unchecked")
            List<String> results = (List<String>) outcome;
            Set<String> pids = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String[] parts = results.get(i).split(":");
                assertEquals(i + ":" + i * i, parts[0] + ":" + parts[1], "result " + i + " of " + results);
                pids.add(parts[2]);
            }
            String record = log.await(Level.INFO, WAIT, "replaced, reason max memory", "passed maxMemoryPerChild of 200 MiB");
            PoolStats stats = pool.stats();
            // 24 tasks of 24 MiB each are 576 MiB: two workers under 200 MiB each cannot hold it
            assertTrue(stats.workersReplaced(ReplacementReason.MAX_MEMORY) >= 2, stats + "; " + record);
            assertTrue(pids.size() >= 3, "results came from " + pids);
            assertEquals(24, stats.tasksDone(), stats.toString());
            assertEquals(0, stats.tasksFailed(), stats.toString());
            assertEquals(stats.workersReplaced(), stats.workersReplaced(ReplacementReason.MAX_MEMORY), stats.toString());
            StartedWorkers.closeWithin(pool, WAIT);
        }
    }
}
