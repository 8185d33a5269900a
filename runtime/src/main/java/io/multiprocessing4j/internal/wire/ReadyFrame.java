package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * Worker to parent, {@link FrameType#READY}: the worker has run its initializer and takes work.
 *
 * <p>Layout: a boolean, whether the initializer threw, then the exception if it did
 * ({@link ThrowableCodec}).
 */
public final class ReadyFrame implements Frame {

    /** What the initializer threw, or {@code null}. */
    public final Throwable initializerFailure;

    /** Ready, after an initializer that threw {@code initializerFailure}, or {@code null}. */
    public ReadyFrame(Throwable initializerFailure) {
        this.initializerFailure = initializerFailure;
    }

    @Override
    public byte type() {
        return FrameType.READY;
    }

    @Override
    public void write(Encoder out) {
        out.writeBoolean(initializerFailure != null);
        if (initializerFailure != null) {
            ThrowableCodec.write(out, initializerFailure);
        }
    }

    /**
     * Reads a ready frame's body; the exception's classes are looked up in {@code loader}.
     *
     * @throws WireException if the body is malformed
     */
    public static ReadyFrame read(ByteBuffer body, ClassLoader loader) {
        Decoder in = new Decoder(body, loader);
        return new ReadyFrame(in.readBoolean() ? ThrowableCodec.read(in, loader) : null);
    }
}
