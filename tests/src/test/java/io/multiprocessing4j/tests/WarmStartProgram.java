package io.multiprocessing4j.tests;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.internal.launch.Spares;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a parent JVM that {@link WarmStartTest} starts, for what one JVM cannot test
 * of itself: its start method as its system properties set it, and its death. It prints
 * {@value #METHOD} and its start method, starts and joins a child, waits for the spares that
 * replace it and prints {@value #SPARES} and their pids, then, depending on its argument:
 *
 * <ul>
 *   <li>{@code wait}: waits until the test kills it;
 *   <li>{@code exit-with-pool}: opens a pool, prints {@value #POOL}, and returns from main with
 *       the pool open: its workers end during this JVM's shutdown;
 *   <li>{@code start}: nothing more.
 * </ul>
 *
 * <p>A start that fails prints {@value #START_FAILED} and the message.
 */
public final class WarmStartProgram {

    static final String METHOD = "start-method ";
    static final String SPARES = "spares ";
    static final String POOL = "pool open";
    static final String START_FAILED = "start failed: ";

    private WarmStartProgram() {}

    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        try {
            System.out.println(METHOD + Multiprocessing.startMethod());
        } catch (IllegalArgumentException e) {
            System.out.println(METHOD + "refused: " + e.getMessage());
        }
        try {
            LifecycleWorkers.returnNormally().start().join();
        } catch (ProcessStartException e) {
            System.out.println(START_FAILED + e.getMessage());
            return;
        }
        Spares.awaitSettled(TimeUnit.SECONDS.toNanos(30));
        List<Long> spares = Spares.pids();
        System.out.println(SPARES + spares);
        System.out.flush();
        if (mode.equals("wait")) {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // until the test kills this JVM
        } else if (mode.equals("exit-with-pool")) {
            Pool pool = Pool.create(2);
            pool.apply(IdentityTasks.pidAndName());
            System.out.println(POOL);
            System.out.flush();
        }
    }
}
