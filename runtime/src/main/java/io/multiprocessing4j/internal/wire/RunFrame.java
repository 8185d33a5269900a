package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * The first frame a child receives: who it is, who its parent is, and its work. As
 * {@link FrameType#RUN_PROCESS} the task is the one call a {@code ChildProcess} runs; as
 * {@link FrameType#RUN_WORKER} it is the pool's initializer, or absent.
 *
 * <p>Layout: child pid (long), child name (string), parent name (string), parent pid (long), a
 * boolean, then, if true, the task ({@link EncodedTask}).
 */
public final class RunFrame implements Frame {

    private final byte type;
    /** The child's pid. */
    public final long pid;
    /** The child's name. */
    public final String name;
    /** The parent's name, as {@code Multiprocessing.currentProcess()} gives it there. */
    public final String parentName;
    /** The parent's pid. */
    public final long parentPid;
    /** The task, or {@code null} for a worker without an initializer. */
    public final EncodedTask task;

    /**
     * @param type {@link FrameType#RUN_PROCESS} or {@link FrameType#RUN_WORKER}
     */
    public RunFrame(byte type, long pid, String name, String parentName, long parentPid, EncodedTask task) {
        if (type != FrameType.RUN_PROCESS && type != FrameType.RUN_WORKER) {
            throw new IllegalArgumentException("not a run frame: " + type);
        }
        this.type = type;
        this.pid = pid;
        this.name = name;
        this.parentName = parentName;
        this.parentPid = parentPid;
        this.task = task;
    }

    @Override
    public byte type() {
        return type;
    }

    @Override
    public void write(Encoder out) {
        out.writeLong(pid);
        out.writeString(name);
        out.writeString(parentName);
        out.writeLong(parentPid);
        out.writeBoolean(task != null);
        if (task != null) {
            task.writeTo(out);
        }
    }

    /**
     * Reads a run frame of type {@code type}.
     *
     * @throws WireException if the body is malformed or {@code type} is not a run frame
     */
    public static RunFrame read(int type, ByteBuffer body) {
        if (type != FrameType.RUN_PROCESS && type != FrameType.RUN_WORKER) {
            throw new WireException("the first frame is of type " + type + ", not a run frame", null);
        }
        Decoder in = new Decoder(body, null);
        long pid = in.readLong();
        String name = in.readString();
        String parentName = in.readString();
        long parentPid = in.readLong();
        EncodedTask task = in.readBoolean() ? EncodedTask.read(in) : null;
        return new RunFrame((byte) type, pid, name, parentName, parentPid, task);
    }
}
