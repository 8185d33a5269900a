package io.multiprocessing4j.internal.wire;

/**
 * One call of a manager's client on one object of its server ({@link FrameType#MANAGER_CALL}):
 * the object's id, the operation's code and its arguments as wire values. What the codes mean
 * is the manager package's business ({@code internal.manager.Op}).
 */
public final class ManagerCall {

    /** The most arguments a call carries. */
    public static final int MAX_ARGUMENTS = 255;

    /** The object called: an id the server handed out. */
    public final int object;
    /** The operation's code. */
    public final int op;
    /** The arguments, decoded. */
    public final Object[] arguments;

    private ManagerCall(int object, int op, Object[] arguments) {
        this.object = object;
        this.op = op;
        this.arguments = arguments;
    }

    /**
     * Writes a call.
     *
     * @throws WireException if an argument cannot be carried; its path names the argument
     */
    public static void write(Encoder out, int object, int op, Object... arguments) {
        out.writeInt(object);
        out.writeVarInt(op);
        out.writeByte(arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            try {
                out.writeValue(arguments[i]);
            } catch (WireException e) {
                throw e.within("argument " + i);
            }
        }
    }

    /**
     * Reads a call.
     *
     * @throws WireException if the body is malformed or names a class that cannot be decoded here
     */
    public static ManagerCall read(Decoder in) {
        int object = in.readInt();
        int op = in.readVarInt();
        int count = in.readByte() & 0xFF;
        Object[] arguments = new Object[count];
        for (int i = 0; i < count; i++) {
            arguments[i] = in.readValue();
        }
        return new ManagerCall(object, op, arguments);
    }
}
