package io.multiprocessing4j.examples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.annotations.PoolTask;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live console progress bar for a long map: what Python users get by wrapping {@code imap} in
 * tqdm, here for {@code mapAsync} itself. 2,000 tasks of about 5 ms on four workers, in chunks of
 * 20: the bar moves as chunks finish, then the pool's figures are printed. The bar is drawn by
 * {@code me.tongfei:progressbar}, a dependency of this examples module only: the runtime gives the
 * counts ({@link AsyncResult#onProgress}), any bar can draw them. The Python original:
 *
 * <pre>
 * from multiprocessing import Pool
 * from tqdm import tqdm
 *
 * def slow_square(n):
 *     time.sleep(0.005)
 *     return n * n
 *
 * if __name__ == '__main__':
 *     with Pool(4) as pool:
 *         squares = list(tqdm(pool.imap(slow_square, range(2000), chunksize=20), total=2000))
 * </pre>
 */
public final class PoolProgressBar {

    private PoolProgressBar() {}

    /** Sleeps 5 ms, then returns {@code n * n}. */
    @PoolTask
    static long slowSquare(int n) throws InterruptedException {
        Thread.sleep(5);
        return (long) n * n;
    }

    /** Runs the map with a progress bar on standard error, then prints a check and the pool's figures. */
    public static void main(String[] args) {
        int n = 2000;
        List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
        try (Pool pool = Pool.create(4)) {
            AsyncResult<List<Long>> squares = pool.mapAsync(PoolProgressBarTasks::slowSquare, inputs, 20);
            List<Long> results;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("squares").setInitialMax(n)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).build()) {
                // Called on the runtime's progress thread, never on the pool's: drawing cannot slow it.
                squares.onProgress(progress -> bar.stepTo(progress.done()));
                results = squares.join();
                bar.stepTo(n);
            }
            System.out.println("The last square: " + results.get(n - 1));
            System.out.println(pool.stats());
        }
    }
}
