package io.multiprocessing4j;

/**
 * An exception thrown in a child JVM that could not be rebuilt in the parent: its class is not on
 * the parent's classpath, it could not be serialized, or it has no constructor taking a message.
 * It carries what the child knew as text, and the child's stack frames as its own, so a printed
 * stack trace reads as if the original had been thrown.
 *
 * <p>Its cause, if any, is the original's cause, rebuilt (or itself a {@code RemoteException}).
 */
public class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The original exception's class name. */
    private final String remoteClassName;
    /** The original exception's message, or {@code null}. */
    private final String remoteMessage;
    /** The original stack trace, as {@code printStackTrace} printed it in the child. */
    private final String remoteStackTrace;

    /**
     * Describes an exception thrown elsewhere.
     *
     * @param remoteClassName the original exception's class name
     * @param remoteMessage the original message, or {@code null}
     * @param remoteStackTrace the original stack trace as {@code printStackTrace} prints it
     */
    public RemoteException(String remoteClassName, String remoteMessage, String remoteStackTrace) {
        super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** {@return the original exception's class name, for example {@code com.example.ParseError}} */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** {@return the original exception's message, or {@code null} if it had none} */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** {@return the original stack trace, causes included, as the child would have printed it} */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
