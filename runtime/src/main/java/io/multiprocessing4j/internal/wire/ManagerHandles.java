package io.multiprocessing4j.internal.wire;

/**
 * A manager's proxies on the wire: a proxy passed to a task, put in a queue or in another proxied
 * map travels as a handle (the server's address, its key and the object's id) and arrives as a
 * proxy of the same server object, not a copy. The manager package implements {@link Handle} on
 * its proxies and installs the {@link Reader}; it is loaded when a handle first arrives, so a
 * process that uses no manager pays nothing for this.
 *
 * <p>The handle carries the server's key: it only ever goes to peers this process has already
 * authenticated (its children, its parent, a manager's server), and the receiver needs the key to
 * reach the server, as a Python child inherits its parent's authkey.
 */
public final class ManagerHandles {

    private static final String READER = "io.multiprocessing4j.internal.manager.ProxyReader";

    /** Implemented by a manager's proxies. */
    public interface Handle {
        /** Writes what {@link Reader#read} needs to open a proxy of the same object. */
        void writeHandle(Encoder out);
    }

    /** Opens a proxy from a handle. */
    public interface Reader {
        /** Reads a handle written by {@link Handle#writeHandle} and returns a proxy. */
        Object read(Decoder in);
    }

    private static volatile Reader installed;

    private ManagerHandles() {}

    /** Called once, by the manager package's reader, when it is loaded. */
    public static void install(Reader reader) {
        installed = reader;
    }

    static Object read(Decoder in) {
        Reader reader = installed;
        if (reader == null) {
            try {
                Class.forName(READER, true, ManagerHandles.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the runtime's " + READER + " is missing", e);
            }
            reader = installed;
        }
        return reader.read(in);
    }
}
