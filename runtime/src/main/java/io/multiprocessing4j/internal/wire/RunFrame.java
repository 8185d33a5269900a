package io.multiprocessing4j.internal.wire;

import java.nio.ByteBuffer;

/**
 * The first frame a child receives: who it is, who its parent is, and its work. As
 * {@link FrameType#RUN_PROCESS} the task is the one call a {@code ChildProcess} runs; as
 * {@link FrameType#RUN_WORKER} it is the pool's initializer, or absent; as
 * {@link FrameType#RUN_MANAGER} there is no task but the manager server's {@link ManagerStart}.
 *
 * <p>Layout: child pid (long), child name (string), parent name (string), parent pid (long), then
 * for a manager its {@link ManagerStart}, otherwise a boolean and, if true, the task
 * ({@link EncodedTask}).
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
    /** The task, or {@code null} for a worker without an initializer and for a manager. */
    public final EncodedTask task;
    /** What a manager's server serves, or {@code null} unless this is a {@link FrameType#RUN_MANAGER} frame. */
    public final ManagerStart manager;

    /**
     * @param type {@link FrameType#RUN_PROCESS} or {@link FrameType#RUN_WORKER}
     */
    public RunFrame(byte type, long pid, String name, String parentName, long parentPid, EncodedTask task) {
        this(type, pid, name, parentName, parentPid, task, null);
        if (type != FrameType.RUN_PROCESS && type != FrameType.RUN_WORKER) {
            throw new IllegalArgumentException("not a task run frame: " + type);
        }
    }

    /** A {@link FrameType#RUN_MANAGER} frame: the child serves as the manager {@code manager} describes. */
    public RunFrame(long pid, String name, String parentName, long parentPid, ManagerStart manager) {
        this(FrameType.RUN_MANAGER, pid, name, parentName, parentPid, null, manager);
    }

    private RunFrame(byte type, long pid, String name, String parentName, long parentPid, EncodedTask task,
            ManagerStart manager) {
        this.type = type;
        this.pid = pid;
        this.name = name;
        this.parentName = parentName;
        this.parentPid = parentPid;
        this.task = task;
        this.manager = manager;
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
        if (type == FrameType.RUN_MANAGER) {
            manager.write(out);
            return;
        }
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
        if (type != FrameType.RUN_PROCESS && type != FrameType.RUN_WORKER && type != FrameType.RUN_MANAGER) {
            throw new WireException("the first frame is of type " + type + ", not a run frame", null);
        }
        Decoder in = new Decoder(body, null);
        long pid = in.readLong();
        String name = in.readString();
        String parentName = in.readString();
        long parentPid = in.readLong();
        if (type == FrameType.RUN_MANAGER) {
            return new RunFrame(pid, name, parentName, parentPid, ManagerStart.read(in));
        }
        EncodedTask task = in.readBoolean() ? EncodedTask.read(in) : null;
        return new RunFrame((byte) type, pid, name, parentName, parentPid, task);
    }
}
