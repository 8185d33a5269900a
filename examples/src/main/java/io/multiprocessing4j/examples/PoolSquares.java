package io.multiprocessing4j.examples;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.annotations.PoolTask;
import java.util.List;

/**
 * A pool of four processes squares six numbers, each task sleeping as many seconds as its
 * number; an initializer announces each worker. The Python original:
 *
 * <pre>
 * import time
 * from multiprocessing import Pool, current_process
 *
 * def square(n):
 *     time.sleep(n)
 *     return n * n
 *
 * def start_process():
 *     print('Starting', current_process().name)
 *
 * if __name__ == '__main__':
 *     inputs = [10, 8, 6, 4, 2, 1]
 *     pool = Pool(processes=4, initializer=start_process)
 *     start = time.time()
 *     outputs = pool.map(square, inputs)
 *     pool.close()
 *     pool.join()
 *     print('Total time:', time.time() - start, 's')
 *     print('Output:', outputs)
 * </pre>
 *
 * <p>Four tasks start at once; the 4-second one frees a worker for the 2, the 6-second one for
 * the 1, so the map takes about as long as its longest task: about 10 s.
 */
public final class PoolSquares {

    private PoolSquares() {}

    /** Sleeps {@code n} seconds, then returns {@code n * n}. */
    @PoolTask
    static int square(int n) throws InterruptedException {
        Thread.sleep(n * 1000L);
        return n * n;
    }

    /** Runs once in each worker before its first task. */
    @PoolTask
    static void startProcess() {
        System.out.println("Starting " + Multiprocessing.currentProcess().name());
    }

    /** Maps {@link #square} over the inputs and prints the time it took and the results. */
    public static void main(String[] args) {
        List<Integer> inputs = List.of(10, 8, 6, 4, 2, 1);
        List<Integer> outputs;
        long start;
        try (Pool pool = Pool.builder().processes(4).initializer(PoolSquaresTasks.startProcess()).build()) {
            start = System.nanoTime();
            outputs = pool.map(PoolSquaresTasks::square, inputs);
        }
        System.out.printf("Total time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.println("Output: " + outputs);
    }
}
