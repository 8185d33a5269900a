package io.multiprocessing4j.internal.wire;

/**
 * The first byte of every encoded value: what follows and how to read it. The numbers are part
 * of the wire format between a parent and its children, which always run the same build, so they
 * may change between releases but never within one.
 */
final class Tag {
    static final byte NULL = 0;
    static final byte FALSE = 1;
    static final byte TRUE = 2;
    static final byte BYTE = 3;
    static final byte SHORT = 4;
    static final byte CHAR = 5;
    static final byte INT = 6;
    static final byte LONG = 7;
    static final byte FLOAT = 8;
    static final byte DOUBLE = 9;
    static final byte STRING = 10;
    static final byte BYTE_ARRAY = 11;
    static final byte INT_ARRAY = 12;
    static final byte LONG_ARRAY = 13;
    static final byte DOUBLE_ARRAY = 14;
    static final byte BOOLEAN_ARRAY = 15;
    static final byte SHORT_ARRAY = 16;
    static final byte CHAR_ARRAY = 17;
    static final byte FLOAT_ARRAY = 18;
    /** An array of references: component class, length, elements. */
    static final byte OBJECT_ARRAY = 19;
    /** Any list that decodes to an {@code ArrayList} without surprising the receiver. */
    static final byte ARRAY_LIST = 20;
    static final byte HASH_SET = 21;
    static final byte LINKED_HASH_SET = 22;
    static final byte HASH_MAP = 23;
    static final byte LINKED_HASH_MAP = 24;
    static final byte ENUM = 25;
    /** A record: class, then its components in declaration order. */
    static final byte RECORD = 26;
    /** Everything else: JDK serialization, read back behind {@link SerialFilter}. */
    static final byte SERIALIZED = 27;
    /** A shared object (lock, value, ...): a handle to the same object, read by {@code internal.shm.Handles}. */
    static final byte SHARED = 28;
    /** A manager's proxy: a handle to the same server object, read by {@link ManagerHandles}. */
    static final byte MANAGER_PROXY = 29;

    private Tag() {}
}
