package io.multiprocessing4j.tests;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import java.util.List;

/**
 * The application {@link ExecJavaLauncher} runs for {@link ExecJavaTest}: a child process and a
 * pool, closed as they should be ({@code closed}) or left running for the launcher's clean-up to
 * deal with ({@code unclosed}); or a map with a progress listener ({@code progress}).
 */
public final class ExecJavaApp {

    private ExecJavaApp() {}

    public static void main(String[] args) {
        ChildProcess child = LifecycleWorkers.returnNormally().start();
        child.join();
        System.out.println("child exit " + child.exitCode());
        if (args[0].equals("progress")) {
            try (Pool pool = Pool.create(2)) {
                AsyncResult<List<Integer>> squares = pool.mapAsync(PoolJobsTasks::square, List.of(1, 2, 3, 4), 1);
                squares.onProgress(progress -> {
                    if (progress.isComplete()) {
                        System.out.println("progress " + progress);
                    }
                });
                System.out.println("squares " + squares.join());
            }
        } else if (args[0].equals("closed")) {
            try (Pool pool = Pool.create(2)) {
                System.out.println("squares " + pool.map(PoolJobsTasks::square, List.of(1, 2, 3, 4)));
            }
        } else {
            Pool pool = Pool.create(2);
            System.out.println("squares " + pool.map(PoolJobsTasks::square, List.of(1, 2, 3, 4)));
            LifecycleWorkers.sleep(600_000).daemon(true).start();
        }
        System.out.println("main returns");
    }
}
