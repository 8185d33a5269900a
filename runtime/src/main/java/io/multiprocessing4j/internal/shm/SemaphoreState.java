package io.multiprocessing4j.internal.shm;

import java.util.HashMap;
import java.util.Map;

/**
 * The state behind {@code SharedSemaphore}: a count of permits, and which process holds how many,
 * so that the permits of a process that dies are given back.
 *
 * <p><b>Layout</b> after the {@link Header} (whose detail is the initial count):
 * <pre>
 *   +0    UndoLog (capacity 4, 104 bytes): guards everything below but the sleeper count
 *   +104  int  permits available: the futex word
 *   +108  int  sleepers
 *   +112  int  1 if bounded
 *   +120  holders: {@value #HOLDERS} slots of (int token, int permits held)
 * </pre>
 *
 * <p><b>Holders.</b> An acquire takes a permit and adds one to its process's slot in one
 * {@link UndoLog} section; a release gives one back and takes one from its slot if it has any (a
 * release by a process that holds none, the producer of a producer/consumer pair, only adds a
 * permit). A waiter that has waited {@link RobustLock#SUSPECT_NANOS} checks the holders it sees,
 * and gives back what dead ones held: never more than would bring the count above the initial
 * one, so that a semaphore used to signal (created with 0, released by one process and acquired
 * by another) gets no phantom permits from a dead consumer. Beyond {@value #HOLDERS} processes
 * holding permits at once, further holders are not recorded, and their death is not repaired.
 *
 * <p>Thread-safe: every change to permits and holders happens in a section of the log.
 */
public final class SemaphoreState {

    static final int HOLDERS = 64;
    private static final int LOG = Header.BYTES;
    private static final int PERMITS = LOG + UndoLog.bytes(4);
    private static final int SLEEPERS = PERMITS + 4;
    private static final int BOUNDED = PERMITS + 8;
    private static final int SLOTS = PERMITS + 16;
    /** The bytes after the header. */
    public static final int PAYLOAD = SLOTS - Header.BYTES + HOLDERS * 8;

    private final Segment segment;
    private final UndoLog log;
    private long lastRepair = System.nanoTime();

    /** A view of the semaphore in {@code segment}. */
    public SemaphoreState(Segment segment) {
        this.segment = segment;
        this.log = new UndoLog(segment, LOG, 4);
        Futex.prepare();
    }

    /** Fills in a new semaphore's fields; its header is written already. */
    public static SemaphoreState initialize(Segment segment, int permits, boolean bounded) {
        Atomics.INT.setVolatile(segment.buffer(), PERMITS, permits);
        Atomics.INT.setVolatile(segment.buffer(), BOUNDED, bounded ? 1 : 0);
        return new SemaphoreState(segment);
    }

    /** The segment the semaphore lives in. */
    public Segment segment() {
        return segment;
    }

    /** The count it was created with. */
    public int initialPermits() {
        return Header.detail(segment);
    }

    /** Whether a release above the initial count is refused. */
    public boolean isBounded() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), BOUNDED) == 1;
    }

    /** The permits available now. */
    public int availablePermits() {
        return permits();
    }

    /** Takes a permit if one is available; never waits, but repairs dead holders' permits now and then. */
    public boolean tryAcquire() {
        if (take()) {
            return true;
        }
        if (System.nanoTime() - lastRepair >= RobustLock.SUSPECT_NANOS) {
            lastRepair = System.nanoTime();
            repairDeadHolders();
            return take();
        }
        return false;
    }

    /**
     * Takes a permit, waiting at most {@code nanos} (forever if negative).
     *
     * @return whether a permit was taken
     * @throws InterruptedException if interrupted before or while waiting, even if a permit is
     *     free: the interrupt is checked first, and again after every sleep
     */
    public boolean acquire(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (take()) {
            return true;
        }
        Deadline deadline = Deadline.in(nanos);
        long suspectSince = System.nanoTime();
        Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, 1);
        try {
            while (!take()) {
                long slice = deadline.slice();
                if (slice == 0) {
                    return false;
                }
                if (System.nanoTime() - suspectSince >= RobustLock.SUSPECT_NANOS) {
                    suspectSince = System.nanoTime();
                    if (repairDeadHolders()) {
                        continue;
                    }
                }
                Futex.await(segment, PERMITS, 0, slice);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, -1);
        }
    }

    /**
     * Gives a permit back and wakes a waiter.
     *
     * @throws IllegalStateException if the semaphore is bounded and already has its initial count
     */
    public void release() {
        int me = Lease.token();
        log.begin();
        try {
            int permits = permits();
            if (isBounded() && permits >= initialPermits()) {
                throw new IllegalStateException("released a bounded semaphore above its initial count of "
                        + initialPermits() + " permits: more releases than acquires");
            }
            if (permits == Integer.MAX_VALUE) {
                throw new IllegalStateException("the semaphore's count would exceed " + Integer.MAX_VALUE);
            }
            log.putInt(PERMITS, permits + 1);
            int slot = find(me);
            if (slot >= 0) {
                int held = held(slot);
                if (held <= 1) {
                    log.putLong(slotAt(slot), 0L);
                } else {
                    log.putInt(slotAt(slot) + 4, held - 1);
                }
            }
        } finally {
            log.commit();
        }
        if ((int) Atomics.INT.getVolatile(segment.buffer(), SLEEPERS) > 0) {
            Futex.wake(segment, PERMITS, 1);
        }
    }

    private boolean take() {
        if (permits() <= 0) {
            return false;
        }
        int me = Lease.token();
        log.begin();
        try {
            int permits = permits();
            if (permits <= 0) {
                return false;
            }
            log.putInt(PERMITS, permits - 1);
            int slot = find(me);
            if (slot >= 0) {
                log.putInt(slotAt(slot) + 4, held(slot) + 1);
            } else {
                slot = find(0);
                if (slot >= 0) {
                    log.putLong(slotAt(slot), slotValue(me, 1));
                }
            }
            return true;
        } finally {
            log.commit();
        }
    }

    /**
     * Gives back the permits of holders whose process has ended, up to the initial count.
     * Liveness is checked outside the guard (it touches files); the repair itself is a section.
     *
     * @return whether any permit came back
     */
    public boolean repairDeadHolders() {
        Map<Integer, Boolean> dead = new HashMap<>();
        for (int slot = 0; slot < HOLDERS; slot++) {
            int token = token(slot);
            if (token != 0 && !dead.containsKey(token)) {
                dead.put(token, !Lease.isAlive(token));
            }
        }
        if (!dead.containsValue(Boolean.TRUE)) {
            return false;
        }
        int given = 0;
        log.begin();
        try {
            int permits = permits();
            for (int slot = 0; slot < HOLDERS; slot++) {
                int token = token(slot);
                if (token != 0 && dead.getOrDefault(token, false)) {
                    int back = Math.max(0, Math.min(held(slot), initialPermits() - permits));
                    permits += back;
                    given += back;
                    log.putLong(slotAt(slot), 0L);
                }
            }
            if (given > 0) {
                log.putInt(PERMITS, permits);
            }
        } finally {
            log.commit();
        }
        if (given > 0) {
            Futex.wake(segment, PERMITS, given);
        }
        return given > 0;
    }

    private int permits() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), PERMITS);
    }

    private int find(int token) {
        for (int slot = 0; slot < HOLDERS; slot++) {
            if (token(slot) == token) {
                return slot;
            }
        }
        return -1;
    }

    private static int slotAt(int slot) {
        return SLOTS + slot * 8;
    }

    private int token(int slot) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), slotAt(slot));
    }

    private int held(int slot) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), slotAt(slot) + 4);
    }

    /** A slot's two ints as one long in the platform's byte order, so that one logged write sets both. */
    private static long slotValue(int token, int held) {
        return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? (token & 0xFFFFFFFFL) | ((long) held << 32)
                : ((long) token << 32) | (held & 0xFFFFFFFFL);
    }
}
