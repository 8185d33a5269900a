package io.multiprocessing4j.tests;

import io.multiprocessing4j.Pool;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A parent JVM for the bounded-imap test: runs a million tasks through {@code imap} from an input
 * that is never materialized, discards the results, and prints their count. Started with a heap
 * far too small to hold a million tasks or results at once.
 */
public final class ImapHeapMain {

    private ImapHeapMain() {}

    public static void main(String[] args) {
        int count = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        Iterable<Integer> input = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
        long seen;
        try (Pool pool = Pool.create(2); Stream<Integer> results = pool.imap(PoolJobsTasks::square, input, 250)) {
            seen = results.count();
        }
        System.out.println(seen);
    }
}
