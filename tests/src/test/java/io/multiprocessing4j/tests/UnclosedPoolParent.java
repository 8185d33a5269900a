package io.multiprocessing4j.tests;

import io.multiprocessing4j.Pool;
import java.util.List;

/**
 * The main class of a parent JVM that {@link ShutdownLaunchTest} starts: it runs a task on each
 * worker of a pool it never closes and prints the results, then, with the argument {@code return},
 * returns from {@code main}; with {@code wait}, prints {@value #READY} and waits for a signal. At
 * exit the runtime terminates the workers, which the pool sees die while the JVM shuts down.
 */
public final class UnclosedPoolParent {

    static final String READY = "ready";
    static final int WORKERS = 6;

    private UnclosedPoolParent() {}

    public static void main(String[] args) throws InterruptedException {
        Pool pool = Pool.create(WORKERS);
        System.out.println(pool.map(PoolJobsTasks::square, List.of(1, 2, 3, 4, 5, 6), 1));
        if (args[0].equals("wait")) {
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
