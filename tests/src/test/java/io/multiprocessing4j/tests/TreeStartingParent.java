package io.multiprocessing4j.tests;

import io.multiprocessing4j.Pool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a parent JVM that {@link ProcessTreeTest} kills with {@code kill -9}: it reads
 * two markers from standard input, has a pool task start a process tree with the first and a
 * child process start one with the second, prints {@value #READY}, and waits to be killed.
 */
public final class TreeStartingParent {

    static final String READY = "ready";

    private TreeStartingParent() {}

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String poolMarker = in.readLine();
        String processMarker = in.readLine();
        Pool pool = Pool.create(1);
        pool.apply(ProcessTreesTasks.startTree(poolMarker));
        ProcessTreesWorkers.startTreeAndSleep(processMarker).start();
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(600_000);
    }
}
