package io.multiprocessing4j;

/**
 * A {@link SharedBarrier} is broken, or broke while this thread waited at it: a waiter timed out
 * or was interrupted, someone called {@link SharedBarrier#abort()} or {@link SharedBarrier#reset()},
 * or a process that had the barrier died without reaching it. Python's {@code BrokenBarrierError},
 * Java's {@code BrokenBarrierException}, unchecked. The barrier stays broken until
 * {@link SharedBarrier#reset()}.
 */
public class BarrierBrokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message saying why the barrier is broken. */
    public BarrierBrokenException(String message) {
        super(message);
    }
}
