package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Segment;

/**
 * What every shared object is underneath: a view of one segment of the program's shared memory,
 * or of one object a manager's server holds. Two views are {@linkplain #equals equal} when they
 * show the same segment, or the same server object, in whatever process, however often the object
 * crossed a process boundary.
 */
abstract class SharedObject {

    /** The object's segment; {@code null} for an object a manager's server holds. */
    final Segment segment;
    /** What two views of the same object share: the segment's name, or the server object's backend. */
    private final Object identity;

    SharedObject(Segment segment) {
        this.segment = segment;
        this.identity = segment.name();
    }

    /** A view of a manager's object; {@code served} is its backend, equal for the same server object. */
    SharedObject(Object served) {
        this.segment = null;
        this.identity = served;
    }

    /** The backend of a manager's object, or {@code null} for an object in shared memory. */
    final Object served() {
        return segment == null ? identity : null;
    }

    /** Whether {@code other} is a view of the same shared object. */
    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((SharedObject) other).identity.equals(identity);
    }

    @Override
    public final int hashCode() {
        return identity.hashCode();
    }
}
