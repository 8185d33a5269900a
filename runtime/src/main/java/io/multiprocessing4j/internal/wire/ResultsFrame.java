package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * Worker to parent: the outcomes of a unit's tasks, in task order. As {@link FrameType#RESULTS}
 * it answers a whole unit (or says it was cancelled); as {@link FrameType#TIMED_OUT} it carries
 * the outcomes of the tasks that finished before the one that ran out of time, whose index is the
 * count, and says the worker is about to halt.
 *
 * <p>Layout: unit id (long), count (int), then per task a {@link ResultStatus} byte and what it
 * implies: a value, an exception ({@link ThrowableCodec}), a string, or nothing.
 *
 * <p>The worker writes a frame task by task ({@link #returned}, {@link #threw}, ...); the parent
 * reads it through a {@link Reader}.
 */
public final class ResultsFrame implements Frame {

    /** Unit id and count: the fixed-size header. */
    private static final int HEADER_BYTES = 12;

    private final byte type;
    private final long unitId;
    private final Encoder body;

    private ResultsFrame(byte type, long unitId, Encoder body) {
        this.type = type;
        this.unitId = unitId;
        this.body = body;
    }

    /**
     * An empty {@code RESULTS} frame for unit {@code unitId} of {@code count} tasks, with room for
     * a few small outcomes: the writer of a chunk reserves the rest once it knows their size (see
     * {@link #reserve}), so no guess here is zeroed and then copied away.
     */
    public static ResultsFrame of(long unitId, int count) {
        Encoder body = new Encoder(HEADER_BYTES + Math.min(count, 8) * 8);
        body.writeLong(unitId);
        body.writeInt(count);
        return new ResultsFrame(FrameType.RESULTS, unitId, body);
    }

    /**
     * The task returned {@code value}. A value that cannot be encoded, for whatever reason (a
     * {@code writeObject} that throws an {@code Error} included), is written instead as
     * {@link ResultStatus#RESULT_NOT_CARRIABLE} with why; only a {@link VirtualMachineError}
     * passes through.
     */
    public void returned(Object value) {
        int mark = body.size();
        try {
            body.writeByte(ResultStatus.RETURNED);
            body.writeValue(value);
        } catch (WireException e) {
            body.truncate(mark);
            notCarriable(e.getMessage());
        } catch (VirtualMachineError e) {
            body.truncate(mark);
            throw e;
        } catch (RuntimeException | Error e) {
            body.truncate(mark);
            notCarriable("encoding it threw " + ThrowableCodec.describe(e));
        }
    }

    private void notCarriable(String why) {
        body.writeByte(ResultStatus.RESULT_NOT_CARRIABLE);
        body.writeString(why);
    }

    /** The task threw {@code thrown}; never fails because of what the exception holds. */
    public void threw(Throwable thrown) {
        body.writeByte(ResultStatus.THREW);
        ThrowableCodec.write(body, thrown);
    }

    /**
     * Large byte arrays among the values returned from now on are sent from the task's own
     * arrays, without a copy ({@link Encoder#holdLargeArrays}): for a frame that is sent as soon
     * as its last task returns, before anything can change what it returned.
     */
    public void holdLargeArrays() {
        body.holdLargeArrays();
    }

    /** The task was not run: the worker's initializer failed. */
    public void initializerFailed() {
        body.writeByte(ResultStatus.INITIALIZER_FAILED);
    }

    /** The task was not run: its unit was cancelled before it started. */
    public void cancelled() {
        body.writeByte(ResultStatus.CANCELLED);
    }

    /** The unit was cancelled while it ran; the worker halts after sending this. */
    public void cancelledWhileRunning() {
        body.writeByte(ResultStatus.CANCELLED_WHILE_RUNNING);
    }

    /** The number of bytes of outcomes written so far, for {@link #timedOutAt}. */
    public int mark() {
        return body.size();
    }

    /** Makes room for {@code bytes} more bytes now, rather than growing step by step. */
    public void reserve(int bytes) {
        body.reserve(bytes);
    }

    /**
     * A {@code TIMED_OUT} frame: the outcomes written up to {@code mark} (as {@link #mark()} gave
     * it), the task at {@code index} being the one that ran out of time. This frame is not changed.
     */
    public ResultsFrame timedOutAt(int index, int mark) {
        Encoder copy = new Encoder(mark);
        copy.writeLong(unitId);
        copy.writeInt(index);
        body.copyTo(HEADER_BYTES, mark - HEADER_BYTES, copy);
        return new ResultsFrame(FrameType.TIMED_OUT, unitId, copy);
    }

    @Override
    public byte type() {
        return type;
    }

    @Override
    public void write(Encoder out) {
        body.copyTo(0, body.size(), out);
    }

    @Override
    public Encoder encode() {
        return body;
    }

    /**
     * A reader over a received body of type {@code type} ({@code RESULTS} or {@code TIMED_OUT}),
     * valid as long as {@code body} is.
     *
     * @throws WireException if the header is truncated
     */
    public static Reader read(int type, ByteBuffer body) {
        if (body.remaining() < HEADER_BYTES) {
            throw new WireException("a results frame of " + body.remaining() + " bytes has no header", null);
        }
        return new Reader(type == FrameType.TIMED_OUT, body);
    }

    /** Reads a received results frame: the header, then each task's status and what follows it. */
    public static final class Reader {
        /** Whether this is a {@code TIMED_OUT} frame. */
        public final boolean timedOut;
        /** The unit's id. */
        public final long unitId;
        /** The number of outcomes; in a {@code TIMED_OUT} frame, the index of the task that overran. */
        public final int count;
        private final ByteBuffer body;
        private Decoder in;

        Reader(boolean timedOut, ByteBuffer body) {
            this.timedOut = timedOut;
            this.body = body;
            this.unitId = body.getLong(body.position());
            this.count = body.getInt(body.position() + 8);
        }

        /** Starts reading the outcomes; the classes they name are looked up in {@code loader}. */
        public void begin(ClassLoader loader) {
            ByteBuffer outcomes = body.duplicate();
            outcomes.position(outcomes.position() + HEADER_BYTES);
            in = new Decoder(outcomes, loader);
        }

        /**
         * The next task's status, a {@link ResultStatus} constant.
         *
         * @throws WireException if the frame ends here
         */
        public byte status() {
            return in.readByte();
        }

        /** After {@link ResultStatus#RETURNED}: the value. */
        public Object value() {
            return in.readValue();
        }

        /** After {@link ResultStatus#THREW}: the exception, rebuilt. */
        public Throwable thrown(ClassLoader loader) {
            return ThrowableCodec.read(in, loader);
        }

        /** After {@link ResultStatus#RESULT_NOT_CARRIABLE}: why. */
        public String problem() {
            return in.readString();
        }

        /** The size of the whole body in bytes, for messages. */
        public int size() {
            return body.limit() - body.position();
        }
    }
}
