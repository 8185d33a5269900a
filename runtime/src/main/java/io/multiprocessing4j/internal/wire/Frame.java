package io.multiprocessing4j.internal.wire;

/**
 * One message after the handshake: a {@link FrameType} byte and a body. Each kind of message is
 * one class that implements this: its {@link #write} is the only code that writes its layout, and
 * a static {@code read} beside it the only code that reads it. A new message is a new
 * {@link FrameType} constant and a new class; nothing else in this package changes.
 */
public interface Frame {

    /** The frame's type byte, a {@link FrameType} constant. */
    byte type();

    /** Writes the body, after whatever {@code out} holds. */
    void write(Encoder out);

    /**
     * The body, encoded, as the channel sends it. A frame built incrementally (a unit of tasks)
     * returns the encoder it was built in, without a copy.
     */
    default Encoder encode() {
        Encoder body = new Encoder();
        write(body);
        return body;
    }
}
