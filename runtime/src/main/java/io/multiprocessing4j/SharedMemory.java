package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Header;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.shm.SharedKind;
import java.nio.ByteBuffer;

/**
 * A block of bytes shared by the processes of a program: Python's
 * {@code multiprocessing.shared_memory.SharedMemory(create=True, size=n)}. Pass it to a
 * {@code @Worker} or {@code @PoolTask} method like any argument; it arrives as a handle to the
 * same bytes, and {@link #buffer()} is a direct view of them in every process.
 *
 * <p>The bytes start zeroed. Nothing orders or guards them: use a {@link SharedLock}, or the
 * atomic access of a {@code VarHandle} from
 * {@link java.lang.invoke.MethodHandles#byteBufferViewVarHandle} on the buffer, to share changes
 * safely. The buffer's index 0 is 16-byte aligned, so an index that is a multiple of a value's
 * size is aligned for that atomic access (a misaligned one throws
 * {@link IllegalStateException}). Unlike Python's, the block needs no {@code close()} or
 * {@code unlink()}: it is removed when the program ends, {@code kill -9} included.
 *
 * <p><b>Costs.</b> The block is a file in the program's shared-memory directory
 * ({@code /dev/shm}), mapped once into each process that has it; access is plain memory access.
 * Creating it writes it once, in zeros, so that the file system gives it all its pages then:
 * a block larger than the space left there is refused at creation, and no later access can
 * fail for want of memory. That write costs about the time to zero the block (55 to 80 ms for
 * 256 MB, measured on the project's loaded machine), which its first writes would otherwise
 * spend.
 */
public final class SharedMemory extends SharedObject {

    private SharedMemory(Segment segment) {
        super(segment);
    }

    /**
     * A new block of {@code bytes} zeroed bytes, which stays until the program ends.
     *
     * @param bytes the size, 1 to {@code Integer.MAX_VALUE - 16}; it never changes
     * @return the new block, to pass to other processes
     * @throws IllegalArgumentException if {@code bytes} is not positive, or too large for one
     *     segment
     * @throws java.io.UncheckedIOException if the block's file cannot be created or mapped (say,
     *     the directory is missing or not writable, or this process has too many mappings; the
     *     message says where, and how to choose another place), or the file system has not
     *     room for it (the message names the directory, its free space, and what to do)
     */
    public static SharedMemory create(int bytes) {
        if (bytes <= 0 || bytes > Integer.MAX_VALUE - Header.BYTES) {
            throw new IllegalArgumentException("shared memory needs a size of 1 to "
                    + (Integer.MAX_VALUE - Header.BYTES) + " bytes, not " + bytes);
        }
        return new SharedMemory(Header.create(SharedKind.MEMORY, bytes, bytes));
    }

    static SharedMemory open(String name) {
        return new SharedMemory(Header.open(name, SharedKind.MEMORY, bytes -> bytes));
    }

    /**
     * The number of bytes, fixed when the block was created.
     *
     * @return the size in bytes
     */
    public int size() {
        return Header.detail(segment);
    }

    /**
     * A new view of the bytes: direct, position 0, limit and capacity {@link #size()}, big-endian
     * as every new {@code ByteBuffer} is. Each call returns a view of its own, so threads do not
     * share a position; every view, in every process, shows the same bytes.
     *
     * @return a new direct buffer over the shared bytes, cheap to make
     */
    public ByteBuffer buffer() {
        return segment.buffer().slice(Header.BYTES, size());
    }

    /** {@code SharedMemory[4096 bytes]}. */
    @Override
    public String toString() {
        return "SharedMemory[" + size() + " bytes]";
    }
}
