package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;

public class Smoke {
    @Worker
    static void hello(int n) {
        System.out.println("hello " + n);
    }

    @PoolTask
    static int square(int x) {
        return x * x;
    }
}
