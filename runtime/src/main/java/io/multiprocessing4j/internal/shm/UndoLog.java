package io.multiprocessing4j.internal.shm;

/**
 * Changes to several words of a segment that take effect together or not at all, even if the
 * process making them is killed halfway: a {@link RobustLock} as the guard, and an undo log of
 * the words changed under it. A semaphore, a barrier, a queue: any shared object whose state
 * spans more than one word changes it in a {@link #begin()} ... {@link #commit()} section.
 *
 * <p><b>Layout</b> ({@link #bytes(int)} bytes at {@code base}, 8-aligned):
 * <pre>
 *   +0   RobustLock (32 bytes): the guard
 *   +32  int   entries in the log
 *   +40  entries, 16 bytes each: int offset, int width (4 or 8), long old value
 * </pre>
 *
 * <p><b>Protocol.</b> Each {@code put} first writes an entry with the word's old value, then
 * publishes it by raising the count, then writes the new value. {@link #commit()} empties the log
 * and releases the guard. If the guard's owner dies inside a section, the next process to
 * {@link #begin()} takes the guard over (see {@link RobustLock}) and, finding entries in the log,
 * writes the old values back in reverse order before doing anything else: the dead process's
 * section is undone as a whole. An entry published for a write that never happened restores the
 * value the word still has, which is harmless.
 *
 * <p>Sections must be short and must not block or call out: the guard is held across them. A
 * section changes at most the capacity given at construction; more is a bug, and fails.
 *
 * <p>Thread-safe in the sense of a lock: one thread of one process is inside a section at a time.
 */
public final class UndoLog {

    private static final int ENTRIES = RobustLock.BYTES;
    private static final int LOG = RobustLock.BYTES + 8;
    private static final int ENTRY_BYTES = 16;

    private final Segment segment;
    private final RobustLock guard;
    private final int count;
    private final int log;
    private final int capacity;

    /** A view of the guarded log at {@code base} of {@code segment}, for sections of at most {@code capacity} writes. */
    public UndoLog(Segment segment, int base, int capacity) {
        this.segment = segment;
        this.guard = new RobustLock(segment, base, false);
        this.count = base + ENTRIES;
        this.log = base + LOG;
        this.capacity = capacity;
    }

    /** The bytes a log of {@code capacity} entries takes in a segment. */
    public static int bytes(int capacity) {
        return LOG + capacity * ENTRY_BYTES;
    }

    /**
     * Enters a section: waits for the guard (uninterruptibly; sections are short) and undoes
     * what a dead previous owner left half done.
     */
    public void begin() {
        if (!guard.tryLock()) {
            try {
                guard.lock(-1, false);
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible wait was interrupted", e);
            }
        }
        if (guard.acquiredFromDeadOwner()) {
            rollBack();
        }
    }

    /** Writes an {@code int} inside the section, logging its old value first. */
    public void putInt(int offset, int value) {
        record(offset, 4, (int) Atomics.INT.getVolatile(segment.buffer(), offset));
        Atomics.INT.setVolatile(segment.buffer(), offset, value);
    }

    /** Writes a {@code long} inside the section, logging its old value first. */
    public void putLong(int offset, long value) {
        record(offset, 8, (long) Atomics.LONG.getVolatile(segment.buffer(), offset));
        Atomics.LONG.setVolatile(segment.buffer(), offset, value);
    }

    /** Ends the section: its writes stand. */
    public void commit() {
        Atomics.INT.setVolatile(segment.buffer(), count, 0);
        guard.unlock();
    }

    private void record(int offset, int width, long old) {
        int n = (int) Atomics.INT.getVolatile(segment.buffer(), count);
        if (n >= capacity) {
            throw new IllegalStateException("a section of " + segment.name() + " writes more than the " + capacity
                    + " words its log holds");
        }
        int entry = log + n * ENTRY_BYTES;
        Atomics.INT.setVolatile(segment.buffer(), entry, offset);
        Atomics.INT.setVolatile(segment.buffer(), entry + 4, width);
        Atomics.LONG.setVolatile(segment.buffer(), entry + 8, old);
        Atomics.INT.setVolatile(segment.buffer(), count, n + 1);
    }

    private void rollBack() {
        int n = Math.min((int) Atomics.INT.getVolatile(segment.buffer(), count), capacity);
        for (int i = n - 1; i >= 0; i--) {
            int entry = log + i * ENTRY_BYTES;
            int offset = (int) Atomics.INT.getVolatile(segment.buffer(), entry);
            int width = (int) Atomics.INT.getVolatile(segment.buffer(), entry + 4);
            long old = (long) Atomics.LONG.getVolatile(segment.buffer(), entry + 8);
            if ((width != 4 && width != 8) || offset < 0 || offset > segment.size() - width || offset % width != 0) {
                continue; // not an entry this class wrote: never write outside the segment
            }
            if (width == 8) {
                Atomics.LONG.setVolatile(segment.buffer(), offset, old);
            } else if (width == 4) {
                Atomics.INT.setVolatile(segment.buffer(), offset, (int) old);
            }
        }
        Atomics.INT.setVolatile(segment.buffer(), count, 0);
    }
}
