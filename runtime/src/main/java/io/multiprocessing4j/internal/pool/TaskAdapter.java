package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.internal.wire.Encoder;

/**
 * What the pool needs to know about a task, which lives in the public package: how to encode it
 * and where its result's classes are found. The pool holds tasks as plain objects.
 */
public interface TaskAdapter {

    /**
     * Writes one task, length-prefixed, into a {@code TASKS} frame.
     *
     * @throws IllegalArgumentException naming the parameter that cannot be sent; {@code out} is
     *     then left as it was
     */
    void encode(Encoder out, Object task);

    /** The class loader of the task's owner, where the classes of its result are looked up. */
    ClassLoader classLoader(Object task);
}
