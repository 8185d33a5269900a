package io.multiprocessing4j.internal.shm;

import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Shared objects on the wire: a shared object passed to or returned from a task travels as a
 * <em>handle</em>, its kind and the name of its segment, and arrives as a new view of the same
 * segment, not as a copy. The wire calls {@link #isShared}, {@link #write} and {@link #read}
 * behind one value tag of its own; every kind of shared object joins by one
 * {@link #register registration}, made in {@code io.multiprocessing4j.SharedKinds}, the one place
 * that knows the public types.
 *
 * <p><b>Format</b> (after the wire's tag): one byte, the {@link SharedKind} id; then the segment's
 * name as a wire string.
 *
 * <p><b>Trust.</b> A handle comes from an authenticated peer of this program, but may still be
 * wrong: stale (its program has ended), forged, or corrupt. Reading one never maps anything that
 * is not a segment of this program's directory (names are checked before any file is touched),
 * and never hands out a view of a segment whose {@link Header} says it is another kind or too
 * small; each such problem is a {@link WireException} naming the kind, the segment and what is
 * wrong.
 *
 * <p>Thread-safe: registrations happen once, in a class initializer, before any lookup.
 */
public final class Handles {

    private static final String PUBLIC_PACKAGE = "io.multiprocessing4j";
    private static final String REGISTRAR = PUBLIC_PACKAGE + ".SharedKinds";

    private static final Map<Class<?>, Codec<?>> BY_TYPE = new ConcurrentHashMap<>();
    private static final Codec<?>[] BY_KIND = new Codec<?>[64];

    static {
        try {
            Class.forName(REGISTRAR, true, Handles.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How one public type becomes a handle and back. */
    private record Codec<T>(SharedKind kind, Class<T> type, Function<T, Segment> segmentOf,
            Function<String, T> open) {}

    private Handles() {}

    /**
     * Registers a public type as kind {@code kind}.
     *
     * @param segmentOf the segment an instance lives in
     * @param open a view of the object in the named segment, after checking its header; throws
     *     {@code IllegalArgumentException} or {@code UncheckedIOException} if it cannot
     */
    public static <T> void register(SharedKind kind, Class<T> type, Function<T, Segment> segmentOf,
            Function<String, T> open) {
        Codec<T> codec = new Codec<>(kind, type, segmentOf, open);
        BY_TYPE.put(type, codec);
        BY_KIND[kind.id()] = codec;
    }

    /** Whether values of {@code type} travel as handles. Cheap for every other type. */
    public static boolean isShared(Class<?> type) {
        return type.getPackageName().equals(PUBLIC_PACKAGE) && BY_TYPE.containsKey(type);
    }

    /** Writes the handle of {@code value}, an instance of a type for which {@link #isShared} holds. */
    public static void write(Object value, Encoder out) {
        Codec<?> codec = BY_TYPE.get(value.getClass());
        out.writeByte(codec.kind().id());
        out.writeString(segmentOf(codec, value).name());
    }

    private static <T> Segment segmentOf(Codec<T> codec, Object value) {
        return codec.segmentOf().apply(codec.type().cast(value));
    }

    /**
     * Reads a handle written by {@link #write} and opens the object it names.
     *
     * @throws WireException if the kind is unknown, or the segment is missing, of another kind,
     *     or corrupt
     */
    public static Object read(Decoder in) {
        int id = in.readByte();
        SharedKind kind = SharedKind.byId(id);
        Codec<?> codec = kind == null ? null : BY_KIND[kind.id()];
        if (codec == null) {
            throw new WireException("a shared-object handle of unknown kind " + id + ": the peer runs another"
                    + " version of multiprocessing4j, or the message is corrupt", null);
        }
        String name = in.readString();
        if (name == null) {
            throw new WireException("a " + kind.typeName() + " handle without a segment name", null);
        }
        try {
            return codec.open().apply(name);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new WireException("a " + kind.typeName() + " handle cannot be opened: " + e.getMessage(), e);
        }
    }
}
