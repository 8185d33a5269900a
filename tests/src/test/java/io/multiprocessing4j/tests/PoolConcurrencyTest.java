package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.multiprocessing4j.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One pool, used from several threads at once: every caller gets its own results, in its own order. */
class PoolConcurrencyTest {

    @Test
    @Timeout(60)
    void callersOnManyThreadsEachGetTheirOwnResults() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (Pool pool = Pool.create(2)) {
            List<Future<?>> done = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                int offset = caller * 1000;
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        assertEquals((offset + i) * (offset + i), pool.apply(PoolJobsTasks.square(offset + i)));
                    }
                    List<Integer> input = IntStream.range(offset, offset + 500).boxed().collect(Collectors.toList());
                    List<Integer> squares = input.stream().map(x -> x * x).collect(Collectors.toList());
                    assertEquals(squares, pool.map(PoolJobsTasks::square, input));
                    assertEquals(squares, pool.map(PoolJobsTasks::square, input, 7));
                    try (Stream<Integer> streamed = pool.imap(PoolJobsTasks::square, input)) {
                        assertEquals(squares, streamed.collect(Collectors.toList()));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
