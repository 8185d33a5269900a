package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Segment;

/**
 * What every shared object is underneath: a view of one segment of the program's shared memory.
 * Two views are {@linkplain #equals equal} when they show the same segment, in whatever process,
 * however often the object crossed a process boundary.
 */
abstract class SharedObject {

    final Segment segment;

    SharedObject(Segment segment) {
        this.segment = segment;
    }

    /** Whether {@code other} is a view of the same shared object. */
    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && ((SharedObject) other).segment.name().equals(segment.name());
    }

    @Override
    public final int hashCode() {
        return segment.name().hashCode();
    }
}
