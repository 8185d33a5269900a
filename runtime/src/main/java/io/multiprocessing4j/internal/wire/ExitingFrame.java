package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * Child to parent, {@link FrameType#EXITING}: the child's JVM is shutting down in an orderly way.
 *
 * <p>Layout: an int, the number of the termination signal that started the shutdown, or 0 when
 * the exit code is the child's own choice ({@code System.exit}, {@code main} returning).
 */
public final class ExitingFrame implements Frame {

    /** The signal that started the shutdown, or 0. */
    public final int signal;

    /** The frame for a shutdown started by {@code signal}, or 0 for none. */
    public ExitingFrame(int signal) {
        this.signal = signal;
    }

    @Override
    public byte type() {
        return FrameType.EXITING;
    }

    @Override
    public void write(Encoder out) {
        out.writeInt(signal);
    }

    @Override
    public Encoder encode() {
        Encoder body = new Encoder(4);
        write(body);
        return body;
    }

    /** Reads an exiting frame's body. */
    public static ExitingFrame read(ByteBuffer body) {
        return new ExitingFrame(new Decoder(body, null).readInt());
    }
}
