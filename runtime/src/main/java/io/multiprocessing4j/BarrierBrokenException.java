package io.multiprocessing4j;

/**
 * A {@link SharedBarrier} is broken, or broke while this thread waited at it: a waiter timed out
 * or was interrupted, someone called {@link SharedBarrier#abort()} or
 * {@link SharedBarrier#reset()}, or a process that had the barrier died abruptly. Python's
 * {@code BrokenBarrierError}, Java's {@code BrokenBarrierException}, unchecked. A barrier broken
 * by anything but a reset stays broken until {@link SharedBarrier#reset()}; one that a reset
 * ended the wait at is whole already. The message says which: a timeout, or any other cause.
 */
public class BarrierBrokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message saying why the barrier is broken.
     *
     * @param message what broke the barrier, and what to do
     */
    public BarrierBrokenException(String message) {
        super(message);
    }
}
