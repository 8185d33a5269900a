package io.multiprocessing4j.examples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.annotations.PoolTask;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code map_async} variant: eight 2-second tasks on four processes, submitted without
 * waiting, then collected. Two rounds of four: about 4 s. The Python original:
 *
 * <pre>
 * import time
 * from multiprocessing import Pool
 *
 * def sleep_square(n):
 *     time.sleep(2)
 *     return n * n
 *
 * if __name__ == '__main__':
 *     pool = Pool(processes=4)
 *     start = time.time()
 *     result = pool.map_async(sleep_square, range(8))
 *     print('Submitted; the main process is free meanwhile')
 *     outputs = result.get()
 *     pool.close()
 *     pool.join()
 *     print('Total time:', time.time() - start, 's')
 *     print('Output:', outputs)
 * </pre>
 */
public final class PoolMapAsync {

    private PoolMapAsync() {}

    /** Sleeps two seconds, then returns {@code n * n}. */
    @PoolTask
    static int sleepSquare(int n) throws InterruptedException {
        Thread.sleep(2000);
        return n * n;
    }

    /** Submits the map, waits for its result, prints the time it took and the results. */
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        List<Integer> inputs = IntStream.range(0, 8).boxed().collect(Collectors.toList());
        List<Integer> outputs;
        long start;
        try (Pool pool = Pool.create(4)) {
            start = System.nanoTime();
            AsyncResult<List<Integer>> result = pool.mapAsync(PoolMapAsyncTasks::sleepSquare, inputs);
            System.out.println("Submitted; the main thread is free meanwhile");
            outputs = result.get();
        }
        System.out.printf("Total time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.println("Output: " + outputs);
    }
}
