package io.multiprocessing4j.internal.wire;

/**
 * A unit of pool work on the wire: one task or a chunk of them, sent in one {@link FrameType#TASKS}
 * frame and answered by one {@link FrameType#RESULTS} frame.
 *
 * <p>{@code TASKS}: unit id (long), time limit per task in nanoseconds (long, 0 for none), task
 * count (varint), then each task length-prefixed (int), so that a task whose arguments cannot be
 * decoded fails alone. {@code RESULTS} and {@code TIMED_OUT}: unit id (long), count (int), then
 * per task a {@link ResultStatus} byte and what it implies. A {@code TIMED_OUT} frame carries the
 * results of the tasks that finished before the one that ran out of time, whose index is the
 * count.
 */
public final class UnitCodec {

    /** Unit id and count: the fixed-size header of {@code RESULTS} and {@code TIMED_OUT}. */
    public static final int RESULTS_HEADER_BYTES = 12;

    private UnitCodec() {}

    /** Writes the header of a {@code TASKS} frame; the tasks follow through {@link #writeTask}. */
    public static void writeUnitHeader(Encoder out, long unitId, long timeoutNanos, int count) {
        out.writeLong(unitId);
        out.writeLong(timeoutNanos);
        out.writeVarInt(count);
    }

    /**
     * Writes one length-prefixed task.
     *
     * @throws WireException naming the argument that cannot be encoded; the encoder is then left
     *     as it was before the call
     */
    public static void writeTask(Encoder out, String dispatcher, int method, String name, Object[] arguments) {
        int start = out.size();
        int at = out.reserveInt();
        try {
            TaskCodec.write(out, dispatcher, method, name, arguments);
        } catch (WireException e) {
            out.truncate(start);
            out.lastDispatcher = null;
            throw e;
        }
        out.putInt(at, out.size() - at - 4);
    }
}
