package io.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A frame whose body this JVM has no memory to hold. The channel has skipped the body and stays
 * usable: the next {@link FrameChannel#receive()} reads the next frame. What is kept is the type,
 * the length and the first {@value #HEAD_BYTES} bytes of the body, enough for a frame's header
 * (a {@link ResultsFrame}'s unit id and count), so the receiver can say what was lost and how big
 * it was.
 */
public final class FrameTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** How many bytes of the body are kept. */
    static final int HEAD_BYTES = 64;

    private final byte type;
    private final int length;
    private final transient ByteBuffer head;

    FrameTooLargeException(byte type, int length, ByteBuffer head, OutOfMemoryError cause) {
        super("a frame of type " + type + " and " + length + " bytes does not fit in this JVM's memory", cause);
        this.type = type;
        this.length = length;
        this.head = head;
    }

    /** The frame's type. */
    public byte type() {
        return type;
    }

    /** The body's length in bytes. */
    public int length() {
        return length;
    }

    /** The first bytes of the body, at most {@value #HEAD_BYTES}. */
    public ByteBuffer head() {
        return head.duplicate();
    }

    /** The error that allocating the body raised. */
    public OutOfMemoryError error() {
        return (OutOfMemoryError) getCause();
    }
}
