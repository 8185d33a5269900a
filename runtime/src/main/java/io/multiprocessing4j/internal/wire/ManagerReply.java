package io.multiprocessing4j.internal.wire;

/**
 * A manager's server's answer to a {@link ManagerCall} ({@link FrameType#MANAGER_REPLY}): a status
 * byte, then the result value, the exception the object threw, or a message saying why the call
 * could not be made at all.
 */
public final class ManagerReply {

    /** The call returned; a value follows. */
    public static final byte RETURNED = 0;
    /** The object's method threw; the exception follows, as {@link ThrowableCodec} writes it. */
    public static final byte THREW = 1;
    /** The server could not make the call (unknown object, undecodable argument, ...); a message follows. */
    public static final byte REFUSED = 2;
    /** The call waited and was cancelled ({@link FrameType#MANAGER_CANCEL}) before it succeeded; nothing follows. */
    public static final byte INTERRUPTED = 3;

    private ManagerReply() {}

    /**
     * Writes a result.
     *
     * @throws WireException if the result cannot be carried
     */
    public static void returned(Encoder out, Object result) {
        out.writeByte(RETURNED);
        out.writeValue(result);
    }

    /** Writes an exception the object threw. */
    public static void threw(Encoder out, Throwable thrown) {
        out.writeByte(THREW);
        ThrowableCodec.write(out, thrown);
    }

    /** Writes that a waiting call was cancelled. */
    public static void interrupted(Encoder out) {
        out.writeByte(INTERRUPTED);
    }

    /** Writes a refusal. */
    public static void refused(Encoder out, String message) {
        out.writeByte(REFUSED);
        out.writeString(message);
    }
}
