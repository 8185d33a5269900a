package io.multiprocessing4j.internal.wire;

/**
 * The type byte of every frame after the handshake, one constant per kind of message; each kind's
 * body is written and read by one {@link Frame} class, named beside its constant.
 */
public final class FrameType {

    // parent to child

    /** {@link RunFrame}: the child's identity and the one task it runs, then exits: a {@code ChildProcess}. */
    public static final byte RUN_PROCESS = 1;
    /** {@link RunFrame}: the child's identity and its initializer; it then serves {@link #TASKS} until told to stop. */
    public static final byte RUN_WORKER = 2;
    /** {@link TasksFrame}: a unit of work for a pool worker, one task or a chunk of them. */
    public static final byte TASKS = 3;
    /** {@link CancelFrame}: give up a unit. */
    public static final byte CANCEL = 4;
    /** {@link ShutdownFrame}: finish what was sent, then exit 0. */
    public static final byte SHUTDOWN = 5;
    /** {@link RunFrame}: the child's identity and a {@link ManagerStart}; the child serves as a manager's server. */
    public static final byte RUN_MANAGER = 6;

    // child to parent

    /** {@link ResultsFrame}: the results of a unit, in task order. */
    public static final byte RESULTS = 20;
    /** {@link ExitingFrame}: the child's JVM is shutting down in an orderly way. */
    public static final byte EXITING = 22;
    /** {@link ReadyFrame}: a pool worker has run its initializer and takes work. */
    public static final byte READY = 23;
    /** {@link ResultsFrame}: a task ran past its time limit; the worker is about to halt. */
    public static final byte TIMED_OUT = 24;
    /** A manager's server listens: a {@link ManagerReady}. */
    public static final byte MANAGER_READY = 25;

    // a manager's client to its server, and back (after the manager's own handshake)

    /** A {@link ManagerCall}: one operation on one object of the server. */
    public static final byte MANAGER_CALL = 40;
    /** A {@link ManagerReply}: the outcome of the last call on this connection. */
    public static final byte MANAGER_REPLY = 41;
    /**
     * No body: the client's thread waiting for the reply to the call in progress on this
     * connection was interrupted; the server ends the call's wait, and the reply says
     * {@link ManagerReply#INTERRUPTED} unless the call had already succeeded. Ignored when no
     * call waits.
     */
    public static final byte MANAGER_CANCEL = 42;

    private FrameType() {}
}
