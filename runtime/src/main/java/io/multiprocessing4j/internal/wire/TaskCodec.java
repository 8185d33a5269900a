package io.multiprocessing4j.internal.wire;

import io.multiprocessing4j.internal.DispatcherIndex;
import io.multiprocessing4j.internal.Signatures;

/**
 * A task on the wire: which method (dispatcher, method number, display name), then the arguments.
 * A task that calls the same method as the one before it in the message says so in one byte, so
 * a chunk of a hundred thousand calls of one method names it once and costs the reader one
 * dispatcher lookup. Every task that goes to a child, in a {@link RunFrame} or a
 * {@link TasksFrame}, is written by {@link #write(Encoder, TaskCall)} or, from its parts,
 * {@link #write(Encoder, Class, int, String, Object[])}.
 */
public final class TaskCodec {

    /** Shown in place of the arguments from one that cannot be decoded on. */
    private static final Object UNDECODED = new Object() {
        @Override
        public String toString() {
            return "<undecodable>";
        }
    };

    static final byte SAME_TARGET = 0;
    private static final byte NEW_TARGET = 1;

    private TaskCodec() {}

    /**
     * Writes one task, as the public API sends it: the dispatcher must be in the processor's
     * index, and an argument that cannot be sent is named by its parameter.
     *
     * @throws IllegalArgumentException naming the parameter (position and declaration) and the
     *     part of its value that cannot be sent; the encoder's memory of the previous target is
     *     then forgotten, as the caller discards what this call wrote
     * @throws IllegalStateException if the dispatcher is not in the processor's index
     */
    public static void write(Encoder out, TaskCall call) {
        write(out, call.dispatcher, call.method, call.name, call.arguments);
    }

    /**
     * Writes one task given by the parts of a {@link TaskCall}, without one: a map writes a
     * million tasks this way, each straight from the public task that holds them.
     *
     * @throws IllegalArgumentException as {@link #write(Encoder, TaskCall)}
     * @throws IllegalStateException as {@link #write(Encoder, TaskCall)}
     */
    public static void write(Encoder out, Class<?> dispatcher, int method, String name, Object[] arguments) {
        DispatcherIndex.requireIndexed(dispatcher);
        int argument = writeTarget(out, dispatcher.getName(), method, name, arguments);
        for (; argument < arguments.length; argument++) {
            try {
                out.writeValue(arguments[argument]);
            } catch (WireException e) {
                out.lastDispatcher = null;
                throw new IllegalArgumentException(unsendable(dispatcher, method, name, argument, e), e);
            }
        }
    }

    /** "cannot send parameter 1 (Order order) of Shop.ship, at customer.address: java.lang.Thread ..." */
    private static String unsendable(Class<?> dispatcher, int method, String name, int argument, WireException e) {
        String declared = Signatures.parameter(dispatcher, method, argument);
        return "cannot send parameter " + (argument + 1) + (declared == null ? "" : " (" + declared + ")")
                + (e.path().isEmpty() ? "" : ", at " + e.path()) + " of " + name + ": " + e.problem();
    }

    /** Writes a task read back by {@link #read}: the rest of a chunk, sent again elsewhere. */
    static void write(Encoder out, Call call) {
        write(out, call.target.dispatcher, call.target.method, call.target.name, call.arguments);
    }

    /**
     * Writes one task by its parts, unchecked: for a task that was sent once already, and for
     * tests.
     *
     * @throws WireException whose path starts with the argument ({@code argument 1.customer})
     */
    static void write(Encoder out, String dispatcher, int method, String name, Object[] arguments) {
        writeTarget(out, dispatcher, method, name, arguments);
        for (int i = 0; i < arguments.length; i++) {
            try {
                out.writeValue(arguments[i]);
            } catch (WireException e) {
                out.lastDispatcher = null;
                throw e.within("argument " + i);
            }
        }
    }

    /** Writes the target and the argument count; returns the index of the first argument, 0. */
    private static int writeTarget(Encoder out, String dispatcher, int method, String name, Object[] arguments) {
        if (dispatcher == out.lastDispatcher && method == out.lastMethod && name == out.lastName) {
            out.writeByte(SAME_TARGET);
        } else {
            WrittenTarget last = lastWritten;
            if (last != null && last.dispatcher == dispatcher && last.method == method && last.name == name) {
                out.writeRaw(last.bytes, 0, last.bytes.length);
            } else {
                int start = out.size();
                out.writeByte(NEW_TARGET);
                out.writeString(dispatcher);
                out.writeVarInt(method);
                out.writeString(name);
                lastWritten = new WrittenTarget(dispatcher, method, name, out.copyOfRange(start, out.size()));
            }
            out.lastDispatcher = dispatcher;
            out.lastMethod = method;
            out.lastName = name;
        }
        out.writeVarInt(arguments.length);
        return 0;
    }

    /**
     * The target last spelled out in any message, as its bytes: a pool sends each task of
     * {@code apply} or of a map with {@code chunksize} 1 in a message of its own, which names its
     * target in full, and copying these bytes saves encoding two strings (and allocating their
     * bytes) per task. Compared by identity: the names come from the generated task factories'
     * constants and {@link Class#getName()}, which return the same strings every time. A
     * plain volatile field: a lost update between threads only costs one more encoding.
     */
    private static volatile WrittenTarget lastWritten;

    /** A target header as written by {@link #writeTarget}, {@code NEW_TARGET} byte included. */
    private static final class WrittenTarget {
        final String dispatcher;
        final int method;
        final String name;
        final byte[] bytes;

        WrittenTarget(String dispatcher, int method, String name, byte[] bytes) {
            this.dispatcher = dispatcher;
            this.method = method;
            this.name = name;
            this.bytes = bytes;
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

    /** A task as it is read back: in the child, to run it; in the parent, to describe it. */
    public static final class Call {
        /** Which method. */
        public final Target target;
        /** The decoded arguments, in parameter order; from an undecodable one on, a placeholder. */
        public final Object[] arguments;
        /** Why an argument could not be decoded, or {@code null} if all were. */
        public final WireException undecodable;

        Call(Target target, Object[] arguments, WireException undecodable) {
            this.target = target;
            this.arguments = arguments;
            this.undecodable = undecodable;
        }

        /** The call as it would be written in Java, for messages: {@code Doubler.square(3)}. */
        public String describe() {
            return io.multiprocessing4j.internal.TaskText.render(target.name, arguments);
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

    /**
     * Reads one task written by {@link #write(Encoder, TaskCall)}.
     *
     * @throws WireException if the task or one of its arguments cannot be decoded
     */
    public static Call read(Decoder in) {
        Call call = readLenient(in);
        if (call.undecodable != null) {
            throw call.undecodable;
        }
        return call;
    }

    /**
     * Reads one task, keeping what it can of a task whose arguments cannot be decoded: its target
     * and the arguments before the bad one, so that a message can name the task. The decoder is
     * then left inside the task; a caller that reads on must skip to the task's end.
     *
     * @throws WireException if not even the task's target can be read
     */
    public static Call readLenient(Decoder in) {
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
        Object[] arguments = new Object[in.checkLength(in.readVarInt(), 1)];
        for (int i = 0; i < arguments.length; i++) {
            try {
                arguments[i] = in.readValue();
            } catch (WireException e) {
                java.util.Arrays.fill(arguments, i, arguments.length, UNDECODED);
                return new Call(target, arguments, e.within("argument " + i));
            }
        }
        return new Call(target, arguments, null);
    }
}
