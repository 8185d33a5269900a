package io.multiprocessing4j.internal.wire;

/** Parent to worker, {@link FrameType#SHUTDOWN}: finish what was sent, then exit 0. No body. */
public final class ShutdownFrame implements Frame {

    /** The only instance: the frame carries nothing. */
    public static final ShutdownFrame INSTANCE = new ShutdownFrame();

    private ShutdownFrame() {}

    @Override
    public byte type() {
        return FrameType.SHUTDOWN;
    }

    @Override
    public void write(Encoder out) {
        // no body
    }

    @Override
    public Encoder encode() {
        return new Encoder(0);
    }
}
