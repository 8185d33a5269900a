package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * Parent to worker, {@link FrameType#TASKS}: one unit of pool work, a task or a chunk of them,
 * answered by one {@link ResultsFrame}.
 *
 * <p>Layout: unit id (long), time limit per task in nanoseconds (long, 0 for none), task count
 * (varint), then each task length-prefixed (int), so that a task whose arguments cannot be
 * decoded fails alone.
 *
 * <p>The parent builds the frame task by task in the submitting thread ({@link #add}); the frame
 * is then kept encoded until it is sent, and the worker decodes each task just before it runs it
 * ({@link Tasks}): a chunk of a hundred thousand tasks never exists as a hundred thousand objects
 * on either side.
 */
public final class TasksFrame implements Frame {

    /** The unit's id. */
    public final long unitId;
    /** The time limit of each task in nanoseconds, or 0 for none. */
    public final long timeoutNanos;
    /** The number of tasks. */
    public final int count;
    /** The body as built by the parent, or {@code null} in a received frame. */
    private final Encoder built;
    /** The body as received, or {@code null} in a built frame; the tasks start at {@link #start}. */
    private final byte[] received;
    private final int start;
    private int added;
    private ClassLoader firstLoader;
    /**
     * The dispatcher of the last task written in full, and so found in the processor's index: a
     * task of the same class that calls the same method can take
     * {@link Encoder#writeRepeatedTask}.
     */
    private Class<?> repeated;

    /** An empty frame for {@code count} tasks, to be filled with {@link #add}. */
    public TasksFrame(long unitId, long timeoutNanos, int count) {
        this(unitId, timeoutNanos, count, 64);
    }

    /**
     * An empty frame for {@code count} tasks with room for {@code capacity} bytes before its
     * buffer grows: a unit like the one before it (the next task of a map, the next
     * {@code apply}) is then written without growing, which would allocate and copy again.
     */
    public TasksFrame(long unitId, long timeoutNanos, int count, int capacity) {
        this.unitId = unitId;
        this.timeoutNanos = timeoutNanos;
        this.count = count;
        this.built = new Encoder(capacity);
        built.writeLong(unitId);
        built.writeLong(timeoutNanos);
        built.writeVarInt(count);
        this.received = null;
        this.start = built.size();
    }

    private TasksFrame(long unitId, long timeoutNanos, int count, byte[] received, int start) {
        this.unitId = unitId;
        this.timeoutNanos = timeoutNanos;
        this.count = count;
        this.built = null;
        this.received = received;
        this.start = start;
    }

    /**
     * Appends one task. After the second, room for the rest is reserved at the second one's size,
     * so that the buffer grows once rather than doubling many times.
     *
     * @throws IllegalArgumentException naming the parameter that cannot be sent; the frame is
     *     then left as it was
     * @throws IllegalStateException if the dispatcher is not in the processor's index, or the
     *     frame already holds {@link #count} tasks
     */
    public void add(TaskCall call) {
        add(call.dispatcher, call.method, call.name, call.arguments);
    }

    /**
     * Appends one task given by the parts of a {@link TaskCall}, without building one: see
     * {@link TaskWriter}.
     *
     * @throws IllegalArgumentException as {@link #add(TaskCall)}
     * @throws IllegalStateException as {@link #add(TaskCall)}
     */
    public void add(Class<?> dispatcher, int method, String name, Object[] arguments) {
        if (dispatcher == repeated && added < count) {
            int before = built.size();
            if (built.writeRepeatedTask(dispatcher.getName(), method, name, arguments)) {
                counted(before);
                return;
            }
        }
        int before = beginTask();
        try {
            TaskCodec.write(built, dispatcher, method, name, arguments);
        } catch (RuntimeException e) {
            built.truncate(before);
            throw e;
        }
        if (added == 0) {
            firstLoader = dispatcher.getClassLoader();
        }
        endTask(before);
        repeated = dispatcher;
    }

    /**
     * Large byte arrays among the arguments of the tasks added from now on are sent from the
     * caller's own arrays, without a copy ({@link Encoder#holdLargeArrays}): only for a unit
     * whose submitter cannot change them before the unit is over.
     *
     * @return this frame
     */
    public TasksFrame holdLargeArrays() {
        built.holdLargeArrays();
        return this;
    }

    /**
     * The class loader of the first task's owner, where the classes of the unit's results are
     * looked up; {@code null} until a task was added by its parts (or a {@link TaskCall}).
     */
    public ClassLoader firstLoader() {
        return firstLoader;
    }

    /** Appends a task read back from another unit: the rest of a chunk, sent again. */
    public void add(TaskCodec.Call call) {
        int before = beginTask();
        TaskCodec.write(built, call);
        endTask(before);
    }

    private int beginTask() {
        if (built == null || added == count) {
            throw new IllegalStateException("the unit's frame is received or full");
        }
        int before = built.size();
        built.reserveInt();
        return before;
    }

    private void endTask(int before) {
        built.putInt(before, built.size() - before - 4);
        counted(before);
    }

    /** Counts the task written from {@code before} on, its length already in front of it. */
    private void counted(int before) {
        // Sized by the second task, not the first: the first also spells out the method and the
        // first use of each class, which the others refer to in a byte or two. Sized by the first,
        // a chunk of small tasks reserved several times the memory it needs, and the JVM zeroes
        // (and the kernel maps) every byte of it: that was most of the parent's page faults in a map.
        if (++added == 2 && count > 2) {
            built.reserve((built.size() - before) * (count - 2));
        }
    }

    @Override
    public byte type() {
        return FrameType.TASKS;
    }

    /** The size of the body built so far, in bytes. */
    public int size() {
        return built != null ? built.size() : received.length;
    }

    @Override
    public void write(Encoder out) {
        if (built != null) {
            built.copyTo(0, built.size(), out);
        } else {
            out.writeRaw(received, 0, received.length);
        }
    }

    @Override
    public Encoder encode() {
        if (built == null) {
            return Frame.super.encode();
        }
        return built;
    }

    /**
     * Reads a frame from a body the caller hands over (it is kept, not copied).
     *
     * @throws WireException if the header is malformed
     */
    public static TasksFrame read(byte[] body) {
        Decoder header = new Decoder(ByteBuffer.wrap(body), null);
        long unitId = header.readLong();
        long timeoutNanos = header.readLong();
        int count = header.checkLength(header.readVarInt(), 4);
        return new TasksFrame(unitId, timeoutNanos, count, body, header.position());
    }

    /**
     * The body of a received frame, for its channel to reuse once the unit has run and nothing
     * decoded from it is read any more (see {@link FrameChannel#reuse}); {@code null} in a built frame.
     */
    public byte[] receivedBody() {
        return received;
    }

    /** The tasks, one after the other; their classes are looked up in {@code loader}. */
    public Tasks tasks(ClassLoader loader) {
        if (built != null) {
            return new Tasks(new Decoder(ByteBuffer.wrap(built.toByteArray(), start, built.size() - start), loader));
        }
        return new Tasks(new Decoder(ByteBuffer.wrap(received, start, received.length - start), loader));
    }

    /** Reads a frame's tasks in order; each read moves to the next task, whatever happens. */
    public static final class Tasks {
        private final Decoder in;

        Tasks(Decoder in) {
            this.in = in;
        }

        /**
         * The next task, read leniently: one whose arguments cannot be decoded says why in
         * {@link TaskCodec.Call#undecodable} and keeps its target, so that its failure can name it.
         *
         * @throws WireException if not even the task's target or its length can be read
         */
        public TaskCodec.Call next() {
            Object[] repeated = in.readRepeatedArguments();
            if (repeated != null) {
                return new TaskCodec.Call(in.lastTarget, repeated, null);
            }
            int length = in.readInt();
            int end = in.position() + length;
            try {
                return TaskCodec.readLenient(in);
            } finally {
                in.position(end);
            }
        }
    }
}
