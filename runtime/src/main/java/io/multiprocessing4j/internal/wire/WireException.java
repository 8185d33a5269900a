package io.multiprocessing4j.internal.wire;

/**
 * A value that cannot be encoded, or bytes that cannot be decoded. The message says what and
 * where ({@link #path()}: {@code items[3].customer}), so that the caller can name the argument or
 * result it was encoding.
 */
public final class WireException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    /** A problem at the top of a value; {@link #within} adds where it is inside. */
    public WireException(String problem, Throwable cause) {
        this("", problem, cause);
    }

    private WireException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /** The same problem, seen from one level further out ({@code customer} becomes {@code order.customer}). */
    WireException within(String outer) {
        String inner = path.isEmpty() || path.startsWith("[") ? path : "." + path;
        return new WireException(outer + inner, problem, getCause());
    }

    /** Where in the value the problem is, empty if at the top. */
    public String path() {
        return path;
    }

    /** What the problem is, without the path. */
    public String problem() {
        return problem;
    }
}
