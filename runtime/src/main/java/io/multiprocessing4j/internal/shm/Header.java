package io.multiprocessing4j.internal.shm;

/**
 * The first {@value #BYTES} bytes of every shared object's segment: a magic number, the
 * {@link SharedKind}, the layout's version and one number the kind defines (an array's length, a
 * barrier's parties). The creator writes it before the segment's name leaves the process; a
 * process that opens a segment from a handle checks it first, so that a forged or confused handle
 * is refused with a message instead of being read as something it is not.
 *
 * <pre>
 *   0  int  MAGIC
 *   4  int  kind id
 *   8  int  layout version
 *  12  int  detail (what it means is the kind's business)
 * </pre>
 */
public final class Header {

    /** Where a kind's own fields start; a multiple of 8, so that longs after it are aligned. */
    public static final int BYTES = 16;

    static final int MAGIC = 0x6d70346a; // "mp4j"
    static final int VERSION = 1;

    private Header() {}

    /** Creates a zeroed segment of {@code BYTES + payloadBytes} bytes with its header written. */
    public static Segment create(SharedKind kind, int payloadBytes, int detail) {
        Segment segment = Segment.create(kind.segmentKind(), BYTES + payloadBytes);
        Atomics.INT.set(segment.buffer(), 4, kind.id());
        Atomics.INT.set(segment.buffer(), 8, VERSION);
        Atomics.INT.set(segment.buffer(), 12, detail);
        Atomics.INT.setVolatile(segment.buffer(), 0, MAGIC);
        return segment;
    }

    /**
     * Opens the segment {@code name} and checks that it holds a {@code kind}.
     *
     * @param payloadBytes the size the kind needs after the header, at least, for the detail the
     *     segment's header states; computed by {@code payloadFor}
     * @throws IllegalArgumentException naming the segment and the problem: no such segment in
     *     this program, not a shared object, another kind, or too small for what it says it holds
     */
    public static Segment open(String name, SharedKind kind, java.util.function.IntUnaryOperator payloadBytes) {
        Segment segment = Segment.open(name, BYTES);
        int magic = (int) Atomics.INT.getVolatile(segment.buffer(), 0);
        if (magic != MAGIC || (int) Atomics.INT.get(segment.buffer(), 8) != VERSION) {
            throw new IllegalArgumentException("shared segment " + name + " does not hold a shared object of"
                    + " this build of multiprocessing4j: the handle is forged or corrupt");
        }
        int id = (int) Atomics.INT.get(segment.buffer(), 4);
        if (id != kind.id()) {
            SharedKind actual = SharedKind.byId(id);
            throw new IllegalArgumentException("a " + kind.typeName() + " handle names shared segment " + name
                    + ", which holds a " + (actual == null ? "kind " + id : actual.typeName())
                    + ": the handle is forged or corrupt");
        }
        int detail = detail(segment);
        long needed;
        try {
            needed = detail < 0 ? Long.MAX_VALUE : BYTES + (long) payloadBytes.applyAsInt(detail);
        } catch (ArithmeticException e) {
            needed = Long.MAX_VALUE; // a detail too large for any segment
        }
        if (needed > segment.size()) {
            throw new IllegalArgumentException("shared segment " + name + " says it holds a " + kind.typeName()
                    + " of " + detail + " but has only " + segment.size() + " bytes: it is corrupt");
        }
        return segment;
    }

    /** The number the kind keeps in the header. */
    public static int detail(Segment segment) {
        return (int) Atomics.INT.get(segment.buffer(), 12);
    }
}
