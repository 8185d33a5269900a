package io.multiprocessing4j.internal.wire;

/**
 * A task on the wire: dispatcher, method number, display name, arguments. The dispatcher and the
 * name are symbols, so a chunk of a thousand calls of one method names it once.
 */
public final class TaskCodec {

    private TaskCodec() {}

    /**
     * Writes one task.
     *
     * @throws WireException naming the argument (by position) that cannot be encoded
     */
    public static void write(Encoder out, String dispatcher, int method, String name, Object[] arguments) {
        out.writeSymbol(dispatcher);
        out.writeVarInt(method);
        out.writeSymbol(name);
        out.writeVarInt(arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            try {
                out.writeValue(arguments[i]);
            } catch (WireException e) {
                throw e.within("argument " + i);
            }
        }
    }

    /** A task as the child reads it. */
    public static final class Call {
        public final String dispatcher;
        public final int method;
        public final String name;
        public final Object[] arguments;

        Call(String dispatcher, int method, String name, Object[] arguments) {
            this.dispatcher = dispatcher;
            this.method = method;
            this.name = name;
            this.arguments = arguments;
        }
    }

    /** Reads one task written by {@link #write}. */
    public static Call read(Decoder in) {
        String dispatcher = in.readSymbol();
        int method = in.readVarInt();
        String name = in.readSymbol();
        Object[] arguments = new Object[in.readVarInt()];
        for (int i = 0; i < arguments.length; i++) {
            try {
                arguments[i] = in.readValue();
            } catch (WireException e) {
                throw e.within("argument " + i);
            }
        }
        return new Call(dispatcher, method, name, arguments);
    }
}
