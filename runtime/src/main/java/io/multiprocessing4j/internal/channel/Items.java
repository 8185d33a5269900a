package io.multiprocessing4j.internal.channel;

import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.WireException;
import java.nio.ByteBuffer;

/**
 * Values in and out of records: encoded with the wire's codec (and decoded behind its filter for
 * JDK serialization), with messages that name the value's type and where it was going. Each thread
 * keeps one spare encoder, so that putting a small value allocates little; a value being encoded
 * that puts another (from a {@code writeObject}) gets an encoder of its own.
 */
final class Items {

    private static final ThreadLocal<Encoder> SPARE = new ThreadLocal<>();

    private Items() {}

    /**
     * Encodes {@code value} to {@code verb} it {@code where} ("put", "on a SharedQueue"); give the
     * encoder back with {@link #release} when its bytes have been copied.
     *
     * @throws IllegalArgumentException if the value, or something in it, cannot be encoded: the
     *     message names its type and what inside it is the problem
     */
    static Encoder encode(Object value, String verb, String where) {
        Encoder out = SPARE.get();
        if (out == null) {
            out = new Encoder();
        } else {
            SPARE.set(null);
            out.reset();
        }
        try {
            out.writeValue(value);
            return out;
        } catch (WireException e) {
            throw new IllegalArgumentException("cannot " + verb + " a " + value.getClass().getName() + " " + where
                    + ": " + e.getMessage(), e);
        }
    }

    /** Hands an encoder back for the next {@link #encode} on this thread. */
    static void release(Encoder used) {
        SPARE.set(used);
    }

    /**
     * Decodes a record's bytes into a value, resolving classes in the thread's context class loader.
     *
     * @throws IllegalStateException if they cannot be decoded here (a class this JVM lacks, or one
     *     the serialization filter refuses); the message says from where
     */
    static Object decode(byte[] bytes, String where) {
        try {
            Decoder in = new Decoder(ByteBuffer.wrap(bytes), loader());
            return in.readValue();
        } catch (WireException e) {
            throw new IllegalStateException("an item taken from " + where + " cannot be decoded in this process, and"
                    + " is dropped: " + e.getMessage(), e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Items.class.getClassLoader();
    }
}
