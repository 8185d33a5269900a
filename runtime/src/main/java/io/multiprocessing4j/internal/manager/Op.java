package io.multiprocessing4j.internal.manager;

/**
 * The operations a client asks of its server, by code: the vocabulary of {@code wire.ManagerCall}.
 * Object 0 is the server itself; every other object id was handed out by {@link #CREATE}.
 * Plain constants, so that a server's dispatch is one switch.
 */
final class Op {

    /** The server: arguments kind, name (null for a new anonymous object), kind's argument; returns the id. */
    static final int SERVER = 0;
    static final int CREATE = 1;
    /**
     * The server: argument the client's id (a random non-zero long, the same on every connection
     * of one client process); the first call on every connection. What a client holds (locks,
     * permits) is given back when the last connection of its id closes.
     */
    static final int ATTACH = 2;

    // object kinds, the first argument of CREATE
    static final int DICT = 1;
    static final int LIST = 2;
    static final int MANAGED = 3;
    static final int QUEUE = 4;
    static final int LOCK = 5;
    static final int RLOCK = 6;
    static final int EVENT = 7;
    static final int SEMAPHORE = 8;
    static final int BARRIER = 9;
    static final int INT = 10;
    /** A condition: CREATE's argument is the id of its lock (or rlock), which it is bound to for good. */
    static final int CONDITION = 11;

    // a dict
    static final int MAP_SIZE = 10;
    static final int MAP_GET = 11;
    static final int MAP_CONTAINS_KEY = 12;
    static final int MAP_CONTAINS_VALUE = 13;
    static final int MAP_PUT = 14;
    static final int MAP_REMOVE = 15;
    static final int MAP_CLEAR = 16;
    static final int MAP_PUT_ALL = 17;
    static final int MAP_SNAPSHOT = 18;
    static final int MAP_PUT_IF_ABSENT = 19;

    // a list
    static final int LIST_SIZE = 30;
    static final int LIST_GET = 31;
    static final int LIST_SET = 32;
    static final int LIST_ADD = 33;
    static final int LIST_REMOVE_AT = 34;
    static final int LIST_ADD_ALL = 35;
    static final int LIST_CLEAR = 36;
    static final int LIST_SNAPSHOT = 37;
    static final int LIST_INDEX_OF = 38;
    static final int LIST_LAST_INDEX_OF = 39;
    static final int LIST_REMOVE_RANGE = 40;
    static final int LIST_CONTAINS = 41;

    // a @Managed object: arguments method number, argument array
    static final int MANAGED_CALL = 50;

    // the operations that may wait take the nanoseconds to wait (a Long; negative: as long as it takes)
    // as their first argument; a lock's take the calling thread's id as their last

    // a queue: items travel as their encoded bytes, which the server never decodes
    static final int QUEUE_PUT = 60;          // nanos, bytes -> whether put
    static final int QUEUE_TAKE = 61;         // nanos -> bytes, or null
    static final int QUEUE_SIZE = 62;
    static final int QUEUE_CAPACITY = 63;
    static final int QUEUE_UNFINISHED = 64;
    static final int QUEUE_TASK_DONE = 65;
    static final int QUEUE_JOIN = 66;         // nanos -> whether all done

    // a lock or rlock
    static final int LOCK_LOCK = 70;          // nanos, thread -> whether taken
    static final int LOCK_UNLOCK = 71;        // thread
    static final int LOCK_IS_LOCKED = 72;
    static final int LOCK_IS_HELD = 73;       // thread
    static final int LOCK_HOLD_COUNT = 74;    // thread
    static final int LOCK_FROM_DEAD = 75;     // thread

    // an event
    static final int EVENT_SET = 80;
    static final int EVENT_CLEAR = 81;
    static final int EVENT_IS_SET = 82;
    static final int EVENT_AWAIT = 83;        // nanos -> whether set

    // a semaphore
    static final int SEMAPHORE_ACQUIRE = 90;  // nanos -> whether acquired
    static final int SEMAPHORE_RELEASE = 91;
    static final int SEMAPHORE_AVAILABLE = 92;

    // a barrier
    static final int BARRIER_AWAIT = 100;     // nanos -> arrival index, or BARRIER_BROKEN, BARRIER_TIMED_OUT
    static final int BARRIER_PARTIES = 101;
    static final int BARRIER_WAITING = 102;
    static final int BARRIER_IS_BROKEN = 103;
    static final int BARRIER_RESET = 104;
    static final int BARRIER_ABORT = 105;
    static final int BARRIER_BROKEN = -1;
    static final int BARRIER_TIMED_OUT = -2;

    // an int
    static final int INT_GET = 110;
    static final int INT_SET = 111;
    static final int INT_GET_AND_SET = 112;
    static final int INT_GET_AND_ADD = 113;
    static final int INT_COMPARE_AND_SET = 114;

    // a condition: the calling thread must hold its lock
    static final int CONDITION_AWAIT = 120;     // nanos, thread -> an await outcome (ServerCondition)
    static final int CONDITION_SIGNAL = 121;    // thread, all
    static final int CONDITION_REACQUIRE = 122; // nanos (always -1), thread, holds: after an await that gave up the lock

    private Op() {}

    /**
     * Whether a call may wait on the server (its first argument, the nanoseconds to wait, is not
     * 0): the server then runs it off the connection's reading thread, so that a cancel or the
     * client's disappearance is seen while it waits.
     */
    static boolean mayWait(int op, Object[] arguments) {
        switch (op) {
            case QUEUE_PUT:
            case QUEUE_TAKE:
            case QUEUE_JOIN:
            case LOCK_LOCK:
            case EVENT_AWAIT:
            case SEMAPHORE_ACQUIRE:
            case BARRIER_AWAIT:
            case CONDITION_AWAIT:
            case CONDITION_REACQUIRE:
                return arguments.length > 0 && !Long.valueOf(0).equals(arguments[0]);
            default:
                return false;
        }
    }

    /** The name of a kind, for messages. */
    static String kindName(int kind) {
        switch (kind) {
            case DICT: return "dict";
            case LIST: return "list";
            case MANAGED: return "@Managed object";
            case QUEUE: return "queue";
            case LOCK: return "lock";
            case RLOCK: return "rlock";
            case EVENT: return "event";
            case SEMAPHORE: return "semaphore";
            case BARRIER: return "barrier";
            case INT: return "int";
            case CONDITION: return "condition";
            default: return "kind " + kind;
        }
    }
}
