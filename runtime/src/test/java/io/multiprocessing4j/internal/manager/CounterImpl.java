package io.multiprocessing4j.internal.manager;

import java.io.IOException;

/** The server's implementation of {@link Counter}. */
public class CounterImpl implements Counter {
    private int total;

    @Override
    public synchronized int add(int delta) {
        total += delta;
        return total;
    }

    @Override
    public String describe(String prefix) {
        return prefix + total + " in pid " + ProcessHandle.current().pid();
    }

    @Override
    public void fail(String message) throws IOException {
        throw new IOException(message);
    }
}
