package io.multiprocessing4j.tests;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.internal.shm.ProgramDirectory;
import java.util.List;

/**
 * A program for the clean-up tests that shares nothing itself: it runs a map on a pool, whose
 * workers keep their per-task results log in the program's shared-memory directory (the parent
 * never creates it), prints where that directory is and {@code ready}, then exits.
 */
public final class PoolProgramMain {

    private PoolProgramMain() {}

    public static void main(String[] args) throws Exception {
        try (Pool pool = Pool.create(2)) {
            List<Integer> squares = pool.map(PoolJobsTasks::square, List.of(1, 2, 3, 4, 5, 6, 7, 8));
            if (!squares.equals(List.of(1, 4, 9, 16, 25, 36, 49, 64))) {
                throw new AssertionError("wrong results " + squares);
            }
        }
        System.out.println(ProgramDirectory.location());
        System.out.println("ready");
        System.out.flush();
    }
}
