package io.multiprocessing4j.internal.wire;

/** A manager's server to its parent, once it listens: the port it bound ({@link FrameType#MANAGER_READY}). */
public final class ManagerReady {

    private ManagerReady() {}

    /** Writes the body. */
    public static void write(Encoder out, int port) {
        out.writeInt(port);
    }

    /** Reads the port. */
    public static int read(Decoder in) {
        return in.readInt();
    }
}
