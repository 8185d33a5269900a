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

    // object kinds, the first argument of CREATE
    static final int DICT = 1;
    static final int LIST = 2;
    static final int MANAGED = 3;

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

    private Op() {}

    /** The name of a kind, for messages. */
    static String kindName(int kind) {
        switch (kind) {
            case DICT: return "dict";
            case LIST: return "list";
            case MANAGED: return "@Managed object";
            default: return "kind " + kind;
        }
    }
}
