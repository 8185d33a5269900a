package io.multiprocessing4j;

/**
 * A {@link Manager}'s server cannot be reached: it exited or was killed, the manager was closed,
 * or the network between here and it broke. Thrown by every call on a proxy of that server,
 * promptly (a server on this machine that dies is seen at once, by its connections closing),
 * never after an unbounded wait; the message names the server's address and the cause.
 */
public class ManagerGoneException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message and cause.
     *
     * @param message what was being done, which server, and why it is unreachable
     * @param cause the I/O failure that showed it, or {@code null}
     */
    public ManagerGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
