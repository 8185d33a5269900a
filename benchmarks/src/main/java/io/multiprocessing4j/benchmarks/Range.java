package io.multiprocessing4j.benchmarks;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Python's {@code range(n)}: the integers {@code 0 .. n-1} as a list computed on demand, so that
 * creating it costs nothing and reading it is part of {@code map}, as in Python.
 */
final class Range extends AbstractList<Integer> implements RandomAccess {

    private final int size;

    Range(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("a range cannot have " + size + " elements");
        }
        this.size = size;
    }

    @Override
    public Integer get(int index) {
        return Objects.checkIndex(index, size);
    }

    @Override
    public int size() {
        return size;
    }
}
