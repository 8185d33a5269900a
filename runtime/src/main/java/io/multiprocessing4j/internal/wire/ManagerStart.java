package io.multiprocessing4j.internal.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a manager's server is told when it starts (after the child's identity, in a
 * {@link FrameType#RUN_MANAGER} frame): where to listen, the key its clients must prove, and the
 * {@code @Managed} types it serves, as pairs of binary class names.
 */
public final class ManagerStart {

    /** The host to bind: a name or an address literal. */
    public final String host;
    /** The port to bind; 0 for any free port. */
    public final int port;
    /** The key clients must prove. */
    public final byte[] authkey;
    /** Interface name, implementation name, interface name, ... */
    public final List<String> registrations;

    /** A start message. */
    public ManagerStart(String host, int port, byte[] authkey, List<String> registrations) {
        this.host = host;
        this.port = port;
        this.authkey = authkey.clone();
        this.registrations = Collections.unmodifiableList(new ArrayList<>(registrations));
    }

    /** Writes this message's body. */
    public void write(Encoder out) {
        out.writeString(host);
        out.writeInt(port);
        out.writeByteArray(authkey);
        out.writeInt(registrations.size());
        for (String name : registrations) {
            out.writeString(name);
        }
    }

    /** Reads a body written by {@link #write}. */
    public static ManagerStart read(Decoder in) {
        String host = in.readString();
        int port = in.readInt();
        byte[] authkey = in.readByteArray();
        int count = in.readInt();
        if (count < 0 || count % 2 != 0 || count > 1 << 16) {
            throw new WireException("a manager start message with " + count + " registration names", null);
        }
        List<String> registrations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            registrations.add(in.readString());
        }
        return new ManagerStart(host, port, authkey, registrations);
    }
}
