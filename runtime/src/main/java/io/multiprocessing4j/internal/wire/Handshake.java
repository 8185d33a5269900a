package io.multiprocessing4j.internal.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * How a child finds its parent and how the two prove who they are, before a single value is
 * decoded.
 *
 * <p>The parent writes a {@link Bootstrap} on the child's standard input and closes it: where to
 * connect and two fresh random secrets. Neither appears on a command line or in the environment,
 * so {@code ps} and {@code /proc/PID/environ} show nothing. The child connects and sends
 * {@code HELLO}: magic, version, its id, the child secret. The parent compares it in constant
 * time and only then answers with the parent secret, which the child checks in turn. Both
 * secrets are used once. A peer that fails either check is disconnected without anything it
 * sent being deserialized.
 */
public final class Handshake {

    /** "MP4J". */
    public static final int MAGIC = 0x4D50344A;
    /** Bumped whenever the wire format changes; parent and child must agree. */
    public static final byte VERSION = 1;
    /** The size of each secret: 256 random bits. */
    public static final int SECRET_BYTES = 32;
    /** Magic, version, child id, child secret. */
    public static final int HELLO_BYTES = 4 + 1 + 8 + SECRET_BYTES;

    private Handshake() {}

    /**
     * A fresh secret from the operating system's random source. On Linux and macOS that is read
     * straight from {@code /dev/urandom}, which is what {@code SecureRandom} itself reads there,
     * without the milliseconds its provider framework costs on first use; elsewhere it is a
     * {@code SecureRandom}.
     */
    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        if (!Urandom.read(secret)) {
            Fallback.SOURCE.nextBytes(secret);
        }
        return secret;
    }

    /** Reads {@code /dev/urandom}, if this system has it. */
    private static final class Urandom {
        private static final File DEVICE = new File("/dev/urandom");

        static boolean read(byte[] into) {
            if (!DEVICE.canRead()) {
                return false;
            }
            try (FileInputStream in = new FileInputStream(DEVICE)) {
                int done = 0;
                while (done < into.length) {
                    int n = in.read(into, done, into.length - done);
                    if (n < 0) {
                        return false;
                    }
                    done += n;
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Where there is no {@code /dev/urandom}. */
    private static final class Fallback {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    /** Compares secrets in time that does not depend on where they differ. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    /** The hello a child sends first. */
    public static byte[] hello(long childId, byte[] childSecret) {
        ByteBuffer hello = ByteBuffer.allocate(HELLO_BYTES);
        hello.putInt(MAGIC).put(VERSION).putLong(childId).put(childSecret);
        return hello.array();
    }

    /** What the parent passes to a child on its standard input. */
    public static final class Bootstrap {
        /** The parent's loopback port. */
        public final int port;
        /** The number the parent knows the child by. */
        public final long childId;
        /** What the child proves itself with. */
        public final byte[] childSecret;
        /** What the parent proves itself with. */
        public final byte[] parentSecret;

        /** A bootstrap for child {@code childId}, to connect to {@code port}. */
        public Bootstrap(int port, long childId, byte[] childSecret, byte[] parentSecret) {
            this.port = port;
            this.childId = childId;
            this.childSecret = childSecret;
            this.parentSecret = parentSecret;
        }

        /** Writes the bootstrap to the child's standard input. */
        public void writeTo(OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(MAGIC);
            data.writeByte(VERSION);
            data.writeInt(port);
            data.writeLong(childId);
            data.write(childSecret);
            data.write(parentSecret);
            data.flush();
        }

        /**
         * Reads the bootstrap from this child's standard input.
         *
         * @throws IOException if the input is not a bootstrap of this version of the runtime
         */
        public static Bootstrap readFrom(InputStream in) throws IOException {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC) {
                throw new IOException("standard input does not start with a multiprocessing4j"
                        + " bootstrap: this class is started by the multiprocessing4j runtime, not by hand");
            }
            byte version = data.readByte();
            if (version != VERSION) {
                throw new IOException("the parent speaks wire version " + version + ", this child "
                        + VERSION + ": parent and child must run the same multiprocessing4j");
            }
            int port = data.readInt();
            long childId = data.readLong();
            byte[] childSecret = new byte[SECRET_BYTES];
            data.readFully(childSecret);
            byte[] parentSecret = new byte[SECRET_BYTES];
            data.readFully(parentSecret);
            return new Bootstrap(port, childId, childSecret, parentSecret);
        }
    }
}
