package io.multiprocessing4j.internal.wire;

import io.multiprocessing4j.internal.Dispatcher;

/**
 * A dispatcher in the index (see the test resources), as the processor would generate for
 * {@code static Object work(String label, Object handle)}, so that the wire's tests can encode
 * tasks the way the pool does.
 */
public final class FramesTestDispatcher implements Dispatcher {

    @Override
    public Object dispatch(int method, Object[] arguments) {
        return arguments[0];
    }

    /** A call of {@code work(label, handle)}. */
    static TaskCall work(String label, Object handle) {
        return new TaskCall(FramesTestDispatcher.class, 0, "Frames.work", new Object[] {label, handle});
    }
}
