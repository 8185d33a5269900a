package io.multiprocessing4j.benchmarks;

import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;

/** The functions the CPython script sends to its workers: {@code double}, {@code identity}, {@code noop}. */
final class Workloads {

    private Workloads() {}

    /** Python's {@code double(x)}: {@code x * 2}. */
    @PoolTask
    static int twice(int x) {
        return x * 2;
    }

    /** Python's {@code identity(x)}: the argument, back. */
    @PoolTask
    static byte[] identity(byte[] x) {
        return x;
    }

    /** An idle child for {@link Memory}: it only sleeps. */
    @Worker
    static void sleep(int millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Python's {@code noop()}: a child process's body and a pool task that do nothing. */
    @Worker
    @PoolTask
    static void noop() {}
}
