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
            in.setObjectInputFilter(filter());
            return in.readObject();
        }
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
