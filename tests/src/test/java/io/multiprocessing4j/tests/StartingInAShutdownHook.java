package io.multiprocessing4j.tests;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessStartException;

/**
 * The main class of a parent JVM that {@link ShutdownLaunchTest} starts: its shutdown hook tries
 * to start a child process and a pool, and prints what each attempt threw.
 */
public final class StartingInAShutdownHook {

    private StartingInAShutdownHook() {}

    public static void main(String[] args) {
        // one child first, so that the runtime is fully in use when the JVM exits
        LifecycleWorkers.returnNormally().start().join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                LifecycleWorkers.returnNormally().name("late").start();
                System.out.println("started");
            } catch (ProcessStartException e) {
                System.out.println("refused " + e.getClass().getName() + ": " + e.getMessage());
            }
            try {
                Pool.create(1).terminate();
                System.out.println("started");
            } catch (ProcessStartException e) {
                System.out.println("refused " + e.getClass().getName() + ": " + e.getMessage());
            }
        }));
    }
}
