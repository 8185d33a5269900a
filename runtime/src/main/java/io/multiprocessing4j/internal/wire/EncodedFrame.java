package io.multiprocessing4j.internal.wire;

/**
 * A frame whose body its sender has already encoded: the manager's messages, whose layouts
 * ({@link ManagerCall}, {@link ManagerReply}, {@link ManagerReady}) are written field by field
 * into an encoder a connection reuses for every call, so sending one copies nothing.
 */
public final class EncodedFrame implements Frame {

    private final byte type;
    private final Encoder body;

    /**
     * @param type a {@link FrameType} constant
     * @param body the whole body; not written to by anyone while this frame is sent
     */
    public EncodedFrame(byte type, Encoder body) {
        this.type = type;
        this.body = body;
    }

    @Override
    public byte type() {
        return type;
    }

    @Override
    public void write(Encoder out) {
        body.copyTo(0, body.size(), out);
    }

    @Override
    public Encoder encode() {
        return body;
    }
}
