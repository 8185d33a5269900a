package io.multiprocessing4j;

/**
 * A {@link Connection} is closed: its other end was closed, or the process that had the other end
 * has ended (however: a return, {@code System.exit}, {@code kill -9}), and everything it sent has
 * been received; or this end itself is closed. Python's {@code EOFError} from {@code recv()} and
 * its {@code BrokenPipeError} from {@code send()}, unchecked. The message says which end closed and
 * how, with the pid of the process that had it.
 */
public class ConnectionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message saying which end is closed, and how.
     *
     * @param message which end closed and how, and what it means for the caller
     */
    public ConnectionClosedException(String message) {
        super(message);
    }
}
