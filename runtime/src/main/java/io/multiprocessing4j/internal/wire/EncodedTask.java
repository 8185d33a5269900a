package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * One task encoded on its own, to be sent later, maybe more than once: the task of a
 * {@code ChildProcess}, the initializer of every worker of a pool. Encoding it when it is made
 * means an argument that cannot be sent fails the call that made it, before any JVM starts.
 */
public final class EncodedTask {

    private final byte[] bytes;

    private EncodedTask(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Encodes {@code call} now.
     *
     * @throws IllegalArgumentException naming the parameter that cannot be sent
     * @throws IllegalStateException if the dispatcher is not in the processor's index
     */
    public static EncodedTask of(TaskCall call) {
        Encoder out = new Encoder();
        TaskCodec.write(out, call);
        return new EncodedTask(out.toByteArray());
    }

    /** Writes the task, length-prefixed, for {@link #read}. */
    void writeTo(Encoder out) {
        out.writeByteArray(bytes);
    }

    /** Reads what {@link #writeTo} wrote; decoding waits for {@link #decode}. */
    static EncodedTask read(Decoder in) {
        return new EncodedTask(in.readByteArray());
    }

    /**
     * The task, decoded; its argument classes are looked up in {@code loader}.
     *
     * @throws WireException if the task cannot be decoded; the message names the argument
     */
    public TaskCodec.Call decode(ClassLoader loader) {
        return TaskCodec.read(new Decoder(ByteBuffer.wrap(bytes), loader));
    }

    /**
     * The task's display name with what can be decoded of its arguments, for messages about a
     * task that could not be decoded whole.
     */
    public String describe(ClassLoader loader) {
        try {
            return TaskCodec.readLenient(new Decoder(ByteBuffer.wrap(bytes), loader)).describe();
        } catch (WireException e) {
            return "a task that cannot be decoded (" + e.getMessage() + ")";
        }
    }
}
