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

    /**
     * The server's side.
     *
     * @return whether the client proved the key; if not, it was told so and must be disconnected
     */
    static boolean server(InputStream in, OutputStream out, byte[] key) throws IOException {
        byte[] challenge = Handshake.newSecret();
        out.write(ByteBuffer.allocate(5 + challenge.length).putInt(Handshake.MAGIC).put(Handshake.VERSION)
                .put(challenge).array());
        out.flush();
        byte[] answer = new byte[MAC_BYTES + Handshake.SECRET_BYTES];
        new DataInputStream(in).readFully(answer);
        byte[] proof = java.util.Arrays.copyOfRange(answer, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(mac(key, CLIENT, challenge), proof)) {
            out.write(0);
            out.flush();
            return false;
        }
        byte[] theirs = java.util.Arrays.copyOfRange(answer, MAC_BYTES, answer.length);
        out.write(1);
        out.write(mac(key, SERVER, theirs));
        out.flush();
        return true;
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
