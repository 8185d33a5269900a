package io.multiprocessing4j.internal.wire;

/** What a worker says about each task of a unit in a {@link FrameType#RESULTS} frame. */
public final class ResultStatus {
    /** The task returned; its value follows. */
    public static final byte RETURNED = 0;
    /** The task threw; the exception follows ({@link ThrowableCodec}). */
    public static final byte THREW = 1;
    /** The task returned a value that cannot be sent back; an exception saying why follows. */
    public static final byte RESULT_NOT_CARRIABLE = 2;
    /** The task was not run because the worker's initializer failed. */
    public static final byte INITIALIZER_FAILED = 3;
    /** The task was not run because the parent cancelled its unit first. */
    public static final byte CANCELLED = 4;
    /** The unit was cancelled while it ran; the worker halts right after saying so. */
    public static final byte CANCELLED_WHILE_RUNNING = 5;

    private ResultStatus() {}
}
