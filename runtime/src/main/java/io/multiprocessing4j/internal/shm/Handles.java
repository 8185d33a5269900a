package io.multiprocessing4j.internal.shm;

import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.ManagerHandles;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.UncheckedIOException;

/**
 * Shared objects on the wire: a shared object passed to or returned from a task travels as a
 * <em>handle</em>, its kind and the name of its segment, and arrives as a new view of the same
 * segment, not as a copy. The wire calls {@link #isShared}, {@link #write} and {@link #read}
 * behind one value tag of its own; every kind of shared object joins with a line in
 * {@code io.multiprocessing4j.SharedKinds}, the {@link Registry} of the public package and the one
 * place that knows the public types. It is loaded only when a value of the public package is
 * first sent or a handle first arrives, and it uses no lambdas, so that a process that shares
 * nothing pays nothing for this at start-up.
 *
 * <p><b>Format</b> (after the wire's tag): one byte, the {@link SharedKind} id; then the name the
 * registry gives the object (its segment's name, for most kinds) as a wire string.
 *
 * <p><b>Trust.</b> A handle comes from an authenticated peer of this program, but may still be
 * wrong: stale (its program has ended), forged, or corrupt. Reading one never maps anything that
 * is not a segment of this program's directory (names are checked before any file is touched),
 * and never hands out a view of a segment whose {@link Header} says it is another kind or too
 * small; each such problem is a {@link WireException} naming the kind, the segment and what is
 * wrong.
 *
 * <p>Thread-safe: the registry is installed once, by a class initializer, before any lookup.
 */
public final class Handles {

    private static final String PUBLIC_PACKAGE = "io.multiprocessing4j";
    private static final String REGISTRAR = PUBLIC_PACKAGE + ".SharedKinds";

    /** What the public package tells this class: which types are shared, and how to send and open each kind. */
    public interface Registry {
        /** Whether values of {@code type} travel as handles. */
        boolean isShared(Class<?> type);

        /** The kind written in the handle of {@code shared}, an instance of a shared type. */
        SharedKind kindOf(Object shared);

        /**
         * The name written in the handle of {@code shared}, which {@link #open} is given on the
         * other side: for most kinds, the name of its segment. Called once each time the object
         * is written (to the wire, or into a queue or a pipe), right after {@link #kindOf}: an
         * object that moves with its handle, a pipe's end, lets go of this process here.
         */
        String nameFor(Object shared);

        /**
         * The manager's handle of {@code shared}, an instance of a shared type, if a manager's
         * server holds it (it then travels as that proxy's handle); {@code null} for an object
         * in the program's shared memory.
         */
        ManagerHandles.Handle servedBy(Object shared);

        /**
         * A view of the object of kind {@code kind} named {@code name}, after checking its header.
         * An object that moves with its handle becomes this process's here.
         *
         * @throws IllegalArgumentException if the segment is missing, of another kind, or corrupt
         * @throws UncheckedIOException if it exists but cannot be mapped
         */
        Object open(SharedKind kind, String name);

        /**
         * The public object of kind {@code kind} over {@code backend}, a manager's backend of that
         * kind ({@code QueueBackend}, {@link LockBackend}, ...): how a manager's proxy opens.
         */
        Object served(SharedKind kind, Object backend);
    }

    private static volatile Registry installed;

    private Handles() {}

    /** Called once, by the public package's registry, when it is loaded. */
    public static void install(Registry registry) {
        installed = registry;
    }

    /**
     * The registry, loading the public package's on first use. Only values of the public package
     * get here, so a process that never shares state never loads it.
     */
    private static Registry registry() {
        Registry registry = installed;
        if (registry == null) {
            try {
                Class.forName(REGISTRAR, true, Handles.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the runtime's " + REGISTRAR + " is missing", e);
            }
            registry = installed;
        }
        return registry;
    }

    /** Whether values of {@code type} travel as handles. Cheap for every other type. */
    public static boolean isShared(Class<?> type) {
        return type.getPackageName().equals(PUBLIC_PACKAGE) && registry().isShared(type);
    }

    /**
     * The manager's handle of {@code value}, an instance of a type for which {@link #isShared}
     * holds, if a manager's server holds it; {@code null} if it lives in shared memory and
     * travels by {@link #write}.
     */
    public static ManagerHandles.Handle servedBy(Object value) {
        return registry().servedBy(value);
    }

    /** The public object of kind {@code kind} over a manager's {@code backend}; see {@link Registry#served}. */
    public static Object served(SharedKind kind, Object backend) {
        return registry().served(kind, backend);
    }

    /** Writes the handle of {@code value}, an instance of a type for which {@link #isShared} holds. */
    public static void write(Object value, Encoder out) {
        Registry registry = registry();
        out.writeByte(registry.kindOf(value).id());
        out.writeString(registry.nameFor(value));
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
        if (kind == null) {
            throw new WireException("a shared-object handle of unknown kind " + id + ": the peer runs another"
                    + " version of multiprocessing4j, or the message is corrupt", null);
        }
        String name = in.readString();
        if (name == null) {
            throw new WireException("a " + kind.typeName() + " handle without a segment name", null);
        }
        try {
            Object shared = registry().open(kind, name);
            if (kind.canBlock()) {
                Futex.prepareNow();
            }
            return shared;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new WireException("a " + kind.typeName() + " handle cannot be opened: " + e.getMessage(), e);
        }
    }
}
