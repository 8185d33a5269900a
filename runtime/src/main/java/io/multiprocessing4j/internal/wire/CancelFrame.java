package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * Parent to worker, {@link FrameType#CANCEL}: give up a unit. One that has not started is dropped
 * and answered with {@link ResultStatus#CANCELLED} for each task; one that is running is halted
 * with, if {@link #haltIfRunning}, else left to finish.
 *
 * <p>Layout: unit id (long), halt if running (boolean).
 */
public final class CancelFrame implements Frame {

    /** The unit's id. */
    public final long unitId;
    /** Whether to halt the worker if the unit has started. */
    public final boolean haltIfRunning;

    /** A request to cancel unit {@code unitId}. */
    public CancelFrame(long unitId, boolean haltIfRunning) {
        this.unitId = unitId;
        this.haltIfRunning = haltIfRunning;
    }

    @Override
    public byte type() {
        return FrameType.CANCEL;
    }

    @Override
    public void write(Encoder out) {
        out.writeLong(unitId);
        out.writeBoolean(haltIfRunning);
    }

    @Override
    public Encoder encode() {
        Encoder body = new Encoder(9);
        write(body);
        return body;
    }

    /** Reads a cancel frame's body. */
    public static CancelFrame read(ByteBuffer body) {
        Decoder in = new Decoder(body, null);
        return new CancelFrame(in.readLong(), in.readBoolean());
    }
}
