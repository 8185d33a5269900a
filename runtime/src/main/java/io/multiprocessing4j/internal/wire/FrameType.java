package io.multiprocessing4j.internal.wire;

/** The type byte of every frame after the handshake, one constant per kind of message. */
public final class FrameType {

    // parent to child

    /** The child's identity and the one task it runs, then exits: a {@code ChildProcess}. */
    public static final byte RUN_PROCESS = 1;
    /** The child's identity and its initializer: it then serves {@link #TASKS} until told to stop. */
    public static final byte RUN_WORKER = 2;
    /** A unit of work for a pool worker: one task, or a chunk of them. */
    public static final byte TASKS = 3;
    /**
     * Cancel a unit: a long, its id, and a boolean, whether to halt the worker if the unit is
     * already running. A unit that has not started is dropped and acknowledged.
     */
    public static final byte CANCEL = 4;
    /** Finish what was sent, then exit 0. */
    public static final byte SHUTDOWN = 5;
    /** The child's identity, then a {@link ManagerStart}: the child serves as a manager's server. */
    public static final byte RUN_MANAGER = 6;

    // child to parent

    /** The results of a unit, in task order. */
    public static final byte RESULTS = 20;
    /**
     * The child's JVM is shutting down in an orderly way. The body is an int: the number of the
     * termination signal that started the shutdown, or 0 when the exit code is the child's own
     * choice ({@code System.exit}, {@code main} returning).
     */
    public static final byte EXITING = 22;
    /**
     * A pool worker has run its initializer and takes work. The body is a boolean, whether the
     * initializer threw, followed by the exception if it did.
     */
    public static final byte READY = 23;
    /** A task ran past its time limit; the worker is about to halt. */
    public static final byte TIMED_OUT = 24;
    /** A manager's server listens: a {@link ManagerReady}. */
    public static final byte MANAGER_READY = 25;

    // a manager's client to its server, and back (after the manager's own handshake)

    /** A {@link ManagerCall}: one operation on one object of the server. */
    public static final byte MANAGER_CALL = 40;
    /** A {@link ManagerReply}: the outcome of the last call on this connection. */
    public static final byte MANAGER_REPLY = 41;

    private FrameType() {}
}
