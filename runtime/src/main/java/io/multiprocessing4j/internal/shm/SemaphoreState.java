package io.multiprocessing4j.internal.shm;

import java.util.HashMap;
import java.util.Map;

/**
 * The state behind {@code SharedSemaphore}: a count of permits, and a record of which process
 * holds how many, so that the permits of a process that dies are given back, but never a permit
 * that may still be in use.
 *
 * <p><b>Layout</b> after the {@link Header} (whose detail is the initial count):
 * <pre>
 *   +0     UndoLog (capacity {@value #LOG_CAPACITY}, 1128 bytes): guards everything below but the sleeper count
 *   +1128  int  permits available: the futex word
 *   +1132  int  sleepers
 *   +1136  int  1 if bounded
 *   +1140  int  unattributed releases (see below)
 *   +1144  holders: {@value #HOLDERS} slots of (int token, int permits recorded); a slot is free
 *          (token 0) when it records none
 * </pre>
 *
 * <p><b>The record.</b> A process's record is the permits it acquired less those it released.
 * A release by a process with nothing recorded gives back a permit that another process
 * acquired (or, in a semaphore used to signal, adds one), and nobody can tell whose:
 * <ul>
 *   <li>if one process has permits recorded, the release is struck off its record: whatever the
 *       releaser gave back, that process holds no more than what remains recorded;</li>
 *   <li>if several have, the release is <em>unattributed</em>: {@code u}, the count of such
 *       releases, bounds how many recorded permits may no longer be held, by anyone; and each
 *       record is cut to the permits out ({@code initial - available}), since nobody holds more
 *       than are out, and {@code u} by what was cut;</li>
 *   <li>if none has, it only adds a permit.</li>
 * </ul>
 * With {@code t(p)} the permits process {@code p} really holds, each section keeps
 * {@code record(p) - t(p) <= u} summed over the processes whose record is too high, and
 * {@code u <= } the permits recorded. So a dead process surely held {@code record - u}: a waiter
 * that has waited {@link RobustLock#SUSPECT_NANOS} checks the holders it sees, and gives back
 * for the dead ones together their records less {@code u}, never more than would bring the
 * count above the initial one (a semaphore that signals, created with 0, gets no phantom permits
 * from a consumer that died), and drops their records. Every permit comes back when one process
 * holds permits at a time, whoever releases them; with several holders and releases by third
 * processes, fewer may, and the semaphore stays short of them, as Python's would; it never
 * admits one holder too many. Beyond {@value #HOLDERS} processes holding permits at once,
 * further holders are not recorded (their releases count as releases by a process with nothing
 * recorded), and their death is not repaired.
 *
 * <p>Thread-safe: every change to permits, holders and {@code u} happens in a section of the log.
 */
public final class SemaphoreState implements SemaphoreBackend {

    static final int HOLDERS = 64;
    /** The most a section writes: the permits, {@code u}, and every holder's slot. */
    static final int LOG_CAPACITY = HOLDERS + 4;
    private static final int LOG = Header.BYTES;
    private static final int PERMITS = LOG + UndoLog.bytes(LOG_CAPACITY);
    private static final int SLEEPERS = PERMITS + 4;
    private static final int BOUNDED = PERMITS + 8;
    private static final int UNATTRIBUTED = PERMITS + 12;
    private static final int SLOTS = PERMITS + 16;
    /** The bytes after the header. */
    public static final int PAYLOAD = SLOTS - Header.BYTES + HOLDERS * 8;
    /** {@link #onlyHolder()}: no process has permits recorded. */
    private static final int NONE = -1;
    /** {@link #onlyHolder()}: more than one process has. */
    private static final int SEVERAL = -2;

    private final Segment segment;
    private final UndoLog log;
    private long lastRepair = System.nanoTime();

    /** A view of the semaphore in {@code segment}. */
    public SemaphoreState(Segment segment) {
        this.segment = segment;
        this.log = new UndoLog(segment, LOG, LOG_CAPACITY);
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
     * Gives a permit back and wakes a waiter; updates the record as the class comment says.
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
            if (slot < 0) {
                slot = onlyHolder();
            }
            if (slot >= 0) {
                strikeOne(slot);
            } else if (slot == SEVERAL) {
                log.putInt(UNATTRIBUTED, unattributed() + 1);
                cutRecordsToPermitsOut();
            }
            if (unattributed() > 0) {
                boundUnattributed();
            }
        } finally {
            log.commit();
        }
        if ((int) Atomics.INT.getVolatile(segment.buffer(), SLEEPERS) > 0) {
            Futex.wake(segment, PERMITS, 1);
        }
    }

    /** The slot of the one process with permits recorded, or {@link #NONE} or {@link #SEVERAL}. */
    private int onlyHolder() {
        int found = NONE;
        for (int slot = 0; slot < HOLDERS; slot++) {
            if (token(slot) != 0) {
                if (found != NONE) {
                    return SEVERAL;
                }
                found = slot;
            }
        }
        return found;
    }

    private void strikeOne(int slot) {
        int held = held(slot);
        if (held <= 1) {
            log.putLong(slotAt(slot), 0L);
        } else {
            log.putInt(slotAt(slot) + 4, held - 1);
        }
    }

    /**
     * No process holds more than the permits out: cuts every record to them, and the
     * unattributed releases by what was cut, since each permit cut was recorded but not held.
     */
    private void cutRecordsToPermitsOut() {
        int out = Math.max(0, initialPermits() - permits());
        int cut = 0;
        for (int slot = 0; slot < HOLDERS; slot++) {
            int held = held(slot);
            if (token(slot) != 0 && held > out) {
                cut += held - out;
                if (out == 0) {
                    log.putLong(slotAt(slot), 0L);
                } else {
                    log.putInt(slotAt(slot) + 4, out);
                }
            }
        }
        if (cut > 0) {
            log.putInt(UNATTRIBUTED, Math.max(0, unattributed() - cut));
        }
    }

    /** Keeps the unattributed releases at most the permits recorded: no more records can be too high. */
    private void boundUnattributed() {
        long recorded = 0;
        for (int slot = 0; slot < HOLDERS; slot++) {
            if (token(slot) != 0) {
                recorded += held(slot);
            }
        }
        if (unattributed() > recorded) {
            log.putInt(UNATTRIBUTED, (int) recorded);
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
     * Gives back the permits of holders whose process has ended: their records less the
     * unattributed releases, up to the initial count; their records go. Liveness is checked
     * outside the guard (it touches files); the repair itself is a section.
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
        int given;
        log.begin();
        try {
            long recordedDead = 0;
            for (int slot = 0; slot < HOLDERS; slot++) {
                int token = token(slot);
                if (token != 0 && dead.getOrDefault(token, false)) {
                    recordedDead += held(slot);
                    log.putLong(slotAt(slot), 0L);
                }
            }
            int permits = permits();
            long surelyHeld = Math.max(0, recordedDead - unattributed());
            given = (int) Math.max(0, Math.min(surelyHeld, (long) initialPermits() - permits));
            if (given > 0) {
                log.putInt(PERMITS, permits + given);
            }
            if (unattributed() > 0) {
                boundUnattributed();
            }
        } finally {
            log.commit();
        }
        if (given > 0) {
            Futex.wake(segment, PERMITS, given);
        }
        return given > 0;
    }

    private int unattributed() {
        return (int) Atomics.INT.getVolatile(segment.buffer(), UNATTRIBUTED);
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
