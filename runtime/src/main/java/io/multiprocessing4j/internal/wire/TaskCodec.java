package io.multiprocessing4j.internal.wire;

/**
 * A task on the wire: which method (dispatcher, method number, display name), then the arguments.
 * A task that calls the same method as the one before it in the message says so in one byte, so
 * a chunk of a hundred thousand calls of one method names it once and costs the reader one
 * dispatcher lookup.
 */
public final class TaskCodec {

    private static final byte SAME_TARGET = 0;
    private static final byte NEW_TARGET = 1;

    private TaskCodec() {}

    /**
     * Writes one task.
     *
     * @throws WireException naming the argument (by position) that cannot be encoded; the
     *     encoder's memory of the previous target is then forgotten, as the caller discards what
     *     this call wrote
     */
    public static void write(Encoder out, String dispatcher, int method, String name, Object[] arguments) {
        if (dispatcher == out.lastDispatcher && method == out.lastMethod && name == out.lastName) {
            out.writeByte(SAME_TARGET);
        } else {
            out.writeByte(NEW_TARGET);
            out.writeString(dispatcher);
            out.writeVarInt(method);
            out.writeString(name);
            out.lastDispatcher = dispatcher;
            out.lastMethod = method;
            out.lastName = name;
        }
        out.writeVarInt(arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            try {
                out.writeValue(arguments[i]);
            } catch (WireException e) {
                out.lastDispatcher = null;
                throw e.within("argument " + i);
            }
        }
    }

    /**
     * Which method a task calls. One instance is shared by consecutive tasks of a message that
     * call the same method, and it remembers the dispatcher once the child has looked it up.
     */
    public static final class Target {
        /** The generated dispatcher's binary name. */
        public final String dispatcher;
        /** The method's number in the dispatcher. */
        public final int method;
        /** The method's display name, {@code Owner.method}. */
        public final String name;
        /** The dispatcher instance, for the child to fill in once; shared between its threads. */
        public volatile Object resolved;

        Target(String dispatcher, int method, String name) {
            this.dispatcher = dispatcher;
            this.method = method;
            this.name = name;
        }
    }

    /** A task as the child reads it. */
    public static final class Call {
        /** Which method. */
        public final Target target;
        /** The decoded arguments, in parameter order. */
        public final Object[] arguments;

        Call(Target target, Object[] arguments) {
            this.target = target;
            this.arguments = arguments;
        }
    }

    /**
     * The targets read lately, by the bytes of their headers. A pool sends each small task with
     * its target spelled out; recognising the bytes saves decoding two strings and looking the
     * dispatcher up again for every one of them.
     */
    private static final byte[][] RECENT_HEADERS = new byte[8][];
    private static final Target[] RECENT_TARGETS = new Target[8];
    private static int recentNext;

    private static Target readTarget(Decoder in) {
        synchronized (RECENT_HEADERS) {
            for (int i = 0; i < RECENT_HEADERS.length; i++) {
                byte[] header = RECENT_HEADERS[i];
                if (header != null && in.nextBytesEqual(header, header.length)) {
                    in.skip(header.length);
                    return RECENT_TARGETS[i];
                }
            }
        }
        int start = in.position();
        String dispatcher = in.readString();
        int method = in.readVarInt();
        Target target = new Target(dispatcher, method, in.readString());
        int length = in.position() - start;
        byte[] header = in.copyBehind(length, length);
        synchronized (RECENT_HEADERS) {
            RECENT_HEADERS[recentNext] = header;
            RECENT_TARGETS[recentNext] = target;
            recentNext = (recentNext + 1) % RECENT_HEADERS.length;
        }
        return target;
    }

    /** Reads one task written by {@link #write}. */
    public static Call read(Decoder in) {
        Target target;
        byte marker = in.readByte();
        if (marker == SAME_TARGET && in.lastTarget != null) {
            target = in.lastTarget;
        } else if (marker == NEW_TARGET) {
            target = readTarget(in);
            in.lastTarget = target;
        } else {
            throw new WireException("malformed task header " + marker, null);
        }
        Object[] arguments = new Object[in.readVarInt()];
        for (int i = 0; i < arguments.length; i++) {
            try {
                arguments[i] = in.readValue();
            } catch (WireException e) {
                throw e.within("argument " + i);
            }
        }
        return new Call(target, arguments);
    }
}
