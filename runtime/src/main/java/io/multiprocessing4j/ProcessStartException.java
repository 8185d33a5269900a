package io.multiprocessing4j;

/**
 * A child JVM could not be started or did not connect back: the {@code java} executable is
 * missing, a JVM option is invalid, the heap is too small to boot, or the child did not say hello
 * in time. The message names the process and quotes the child JVM's own last lines on standard
 * error (for example {@code Unrecognized VM option 'Foo'}). Nothing is left running.
 */
public class ProcessStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Describes a child JVM that could not be started.
     *
     * @param message what failed, for whom, and what the child JVM said
     * @param cause the underlying failure, or {@code null}
     */
    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
