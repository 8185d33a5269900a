package io.multiprocessing4j.internal.shm;

/**
 * What a segment holds: each kind of shared object has one, written into its segment's
 * {@link Header} and into its handles on the wire, so that a handle that names a segment of
 * another kind is refused instead of misread. The ids are part of the wire format and of the
 * segment layout between processes of one program, which always run one build; a new kind takes
 * the next free id.
 */
public enum SharedKind {
    LOCK(1, "lock", "SharedLock", true),
    RLOCK(2, "rlock", "SharedRLock", true),
    CONDITION(3, "cond", "SharedCondition", true),
    SEMAPHORE(4, "sem", "SharedSemaphore", true),
    EVENT(5, "event", "SharedEvent", true),
    BARRIER(6, "barrier", "SharedBarrier", true),
    INT(7, "int", "SharedInt", false),
    LONG(8, "long", "SharedLong", false),
    DOUBLE(9, "double", "SharedDouble", false),
    INT_ARRAY(10, "ints", "SharedIntArray", false),
    LONG_ARRAY(11, "longs", "SharedLongArray", false),
    DOUBLE_ARRAY(12, "doubles", "SharedDoubleArray", false),
    MEMORY(13, "memory", "SharedMemory", false),
    QUEUE(14, "queue", "SharedQueue", true),
    /** A whole pipe: both ends travel together. */
    PIPE(15, "pipe", "Pipe", true),
    /** The left end of a pipe; its segment is the pipe's. */
    PIPE_LEFT(16, "pipe", "Connection", true),
    /** The right end of a pipe; its segment is the pipe's. */
    PIPE_RIGHT(17, "pipe", "Connection", true);

    private static final SharedKind[] BY_ID = new SharedKind[64];

    static {
        for (SharedKind kind : values()) {
            BY_ID[kind.id] = kind;
        }
    }

    private final int id;
    private final String segmentKind;
    private final String typeName;
    private final boolean canBlock;

    SharedKind(int id, String segmentKind, String typeName, boolean canBlock) {
        this.id = id;
        this.segmentKind = segmentKind;
        this.typeName = typeName;
        this.canBlock = canBlock;
    }

    /** The number that stands for this kind on the wire and in a segment's header. */
    public int id() {
        return id;
    }

    /** The word that starts the names of this kind's segments. */
    public String segmentKind() {
        return segmentKind;
    }

    /** The simple name of the public type, for messages. */
    public String typeName() {
        return typeName;
    }

    /** Whether a thread can wait on an object of this kind (and so needs {@link Futex}). */
    public boolean canBlock() {
        return canBlock;
    }

    /** The kind of this id, or {@code null} if no kind has it. */
    public static SharedKind byId(int id) {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
