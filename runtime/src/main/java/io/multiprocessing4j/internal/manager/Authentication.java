package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.AuthenticationException;
import io.multiprocessing4j.internal.wire.Handshake;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The manager's handshake: each side proves it holds the authkey, by an HMAC-SHA256 of a fresh
 * random challenge of the other side's, before a single byte is decoded (as CPython's
 * {@code multiprocessing.connection} does since 3.12, both ways). The key itself never crosses.
 *
 * <pre>
 * server: MAGIC(4) VERSION(1) serverChallenge(32)
 * client: HMAC(key, "client" + serverChallenge)(32) clientChallenge(32)
 * server: 0 and close, if wrong; else 1, HMAC(key, "server" + clientChallenge)(32)
 * </pre>
 * Every read is of a fixed number of bytes; the caller bounds how long the peer may take.
 */
final class Authentication {

    private static final int MAC_BYTES = 32;
    private static final byte[] CLIENT = "client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER = "server".getBytes(StandardCharsets.US_ASCII);

    private Authentication() {}

    /** The size of the server's greeting. */
    static final int GREETING_BYTES = 5 + Handshake.SECRET_BYTES;
    /** The size of the client's answer. */
    static final int ANSWER_BYTES = MAC_BYTES + Handshake.SECRET_BYTES;

    /** The server's greeting: magic, version and {@code challenge}. */
    static ByteBuffer greeting(byte[] challenge) {
        return ByteBuffer.allocate(GREETING_BYTES).putInt(Handshake.MAGIC).put(Handshake.VERSION).put(challenge).flip();
    }

    /**
     * The server's verdict on a client's answer to {@code challenge}.
     *
     * @return what to send the client: 1 and the server's own proof if it proved the key; 0 if
     *     not, and then the client must be disconnected
     */
    static ByteBuffer verdict(byte[] key, byte[] challenge, byte[] answer) {
        byte[] proof = Arrays.copyOfRange(answer, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(mac(key, CLIENT, challenge), proof)) {
            return ByteBuffer.allocate(1);
        }
        byte[] theirs = Arrays.copyOfRange(answer, MAC_BYTES, answer.length);
        return ByteBuffer.allocate(1 + MAC_BYTES).put((byte) 1).put(mac(key, SERVER, theirs)).flip();
    }

    /** Whether a verdict accepts. */
    static boolean accepts(ByteBuffer verdict) {
        return verdict.get(0) == 1;
    }

    /**
     * The client's side.
     *
     * @throws AuthenticationException if the server refused the key, or does not hold it itself,
     *     or is not a multiprocessing4j manager of this version
     */
    static void client(InputStream in, OutputStream out, byte[] key, String server) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        byte version = data.readByte();
        if (magic != Handshake.MAGIC || version != Handshake.VERSION) {
            throw new AuthenticationException(server + " is not a multiprocessing4j manager of wire version "
                    + Handshake.VERSION + " (it greeted with " + Integer.toHexString(magic) + "/" + version + ")");
        }
        byte[] challenge = new byte[Handshake.SECRET_BYTES];
        data.readFully(challenge);
        byte[] mine = Handshake.newSecret();
        out.write(ByteBuffer.allocate(MAC_BYTES + mine.length).put(mac(key, CLIENT, challenge)).put(mine).array());
        out.flush();
        int verdict = data.read();
        if (verdict != 1) {
            throw new AuthenticationException("the manager at " + server + " refused this authkey: connect with"
                    + " the key the server was started with");
        }
        byte[] proof = new byte[MAC_BYTES];
        data.readFully(proof);
        if (!MessageDigest.isEqual(mac(key, SERVER, mine), proof)) {
            throw new AuthenticationException("the server at " + server + " does not hold the authkey: it is"
                    + " not the manager you meant, or it was started with another key");
        }
    }

    /**
     * Computes one HMAC-SHA256 and forgets it: the first in a JVM costs 60 to 90 ms here (the
     * provider's classes are found, loaded and set up), later ones well under a millisecond. A
     * thread that waits anyway calls this so that the handshake, which the user waits for, does
     * not pay it; concurrent first uses are safe, the JVM sets the provider up once.
     */
    static void prepare() {
        mac(CLIENT, SERVER, CLIENT);
    }

    private static byte[] mac(byte[] key, byte[] role, byte[] challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an empty key is legal for HMAC but not for SecretKeySpec: pad it to one zero byte, as HMAC does
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            mac.update(role);
            return mac.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute HmacSHA256", e);
        }
    }
}
