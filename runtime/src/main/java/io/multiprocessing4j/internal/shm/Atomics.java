package io.multiprocessing4j.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@code VarHandle}s over a segment's mapped bytes, in the platform's byte order. The coordinates
 * are the buffer and a byte offset; atomic and volatile access needs the offset aligned to the
 * value's size (4 for ints, 8 for longs), which every layout in this package keeps. On a shared
 * mapping they are atomic across processes, as the same instructions are across threads.
 */
public final class Atomics {

    /** An {@code int} at a byte offset of a {@code ByteBuffer}. */
    public static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    /** A {@code long} at a byte offset of a {@code ByteBuffer}. */
    public static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private Atomics() {}
}
