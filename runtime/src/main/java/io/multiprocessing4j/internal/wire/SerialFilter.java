package io.multiprocessing4j.internal.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * Reads JDK-serialized values, the wire's fallback for types it has no compact encoding for.
 *
 * <p>Two walls stand in front of {@code readObject}. The first is elsewhere: bytes are only ever
 * read from a peer that has proved it holds the per-child secret, so nothing from an
 * unauthenticated peer reaches this class. The second is here: an {@link ObjectInputFilter} that
 * bounds depth, references and array sizes (a small message cannot make the reader allocate
 * gigabytes), merged with the process-wide filter ({@code -Djdk.serialFilter=...}) when one is
 * configured, so an application can add its own allow-list.
 */
final class SerialFilter {

    /** Generous for real data, fatal for a decompression-bomb style graph. */
    static final ObjectInputFilter LIMITS = ObjectInputFilter.Config.createFilter(
            "maxdepth=100;maxrefs=10000000;maxarray=268435456");

    private SerialFilter() {}

    static ObjectInputFilter filter() {
        ObjectInputFilter processWide = ObjectInputFilter.Config.getSerialFilter();
        return processWide == null ? LIMITS : ObjectInputFilter.merge(processWide, LIMITS);
    }

    /** Deserializes one value, resolving classes through {@code loader}. */
    static Object read(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            in.setObjectInputFilter(ObjectInputFilter.merge(fitsIn(bytes.length), filter()));
            return in.readObject();
        }
    }

    /**
     * Refuses an array longer than the stream could hold. {@code maxarray} alone let a stream of
     * 60 bytes claim a {@code long[]} of 2^28 elements, which {@code readObject} allocates (2 GiB)
     * before it finds that the elements are missing. A primitive array's elements are in the
     * stream at full width; a reference takes at least a byte, and the JDK's collections size
     * the tables they check here up to 8 times their element count.
     */
    static ObjectInputFilter fitsIn(int streamBytes) {
        return info -> {
            Class<?> type = info.serialClass();
            if (type == null || !type.isArray() || info.arrayLength() < 0) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            Class<?> component = type.getComponentType();
            long most = !component.isPrimitive() ? 8L * streamBytes + 64
                    : component == long.class || component == double.class ? streamBytes / 8
                    : component == int.class || component == float.class ? streamBytes / 4
                    : component == short.class || component == char.class ? streamBytes / 2
                    : streamBytes;
            return info.arrayLength() > most ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
        };
    }

    /** Resolves classes in the application's loader, not in whichever loader loaded this class. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(ByteArrayInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description)
                throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                try {
                    return super.resolveClass(description);
                } catch (ClassNotFoundException | InvalidClassException again) {
                    throw e;
                }
            }
        }
    }
}
