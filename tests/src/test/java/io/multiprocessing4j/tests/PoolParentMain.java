package io.multiprocessing4j.tests;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessInfo;

/**
 * A parent JVM for the tests that kill a parent: starts a pool of two, prints {@code ready} and
 * its workers' pids, one per line, then waits to be killed.
 */
public final class PoolParentMain {

    private PoolParentMain() {}

    public static void main(String[] args) throws InterruptedException {
        Pool pool = Pool.create(2);
        pool.apply(PoolJobsTasks.noop());
        StringBuilder pids = new StringBuilder();
        for (ProcessInfo child : Multiprocessing.activeChildren()) {
            pids.append(child.pid()).append(System.lineSeparator());
        }
        System.out.print(pids);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
