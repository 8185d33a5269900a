package io.multiprocessing4j;

/**
 * A manager's server and a client did not prove to each other that they hold the same authkey
 * (an HMAC-SHA256 challenge each way, before anything is decoded), or the peer is not a
 * multiprocessing4j manager at all. Thrown by {@link Manager#connect} promptly, on the client;
 * nothing was sent to the server but the proof, and nothing it sent was decoded.
 */
public class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message.
     *
     * @param message which server refused, or failed to prove, which key, and what to do
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
