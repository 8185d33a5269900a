package io.multiprocessing4j.internal.shm;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state behind {@code SharedBarrier}: parties meet in generations, as at a
 * {@code java.util.concurrent.CyclicBarrier}, and the barrier breaks when a process that has it
 * dies, instead of leaving the others waiting for ever.
 *
 * <p><b>Layout</b> after the {@link Header} (whose detail is the number of parties):
 * <pre>
 *   +0    UndoLog (capacity 6, 136 bytes): guards everything below but the epoch and the sleepers
 *   +136  int  generation
 *   +140  int  arrived in this generation
 *   +144  int  1 while this generation is broken
 *   +148  int  epoch: changes whenever waiters should look again (the futex word)
 *   +152  int  sleepers
 *   +160  outcomes of the last 16 generations: (generation &lt;&lt; 1) | 1 if it ended broken (by reset)
 *   +224  processes that have the barrier: {@value #PROCESSES} slots of (int token, int unused)
 * </pre>
 *
 * <p><b>Who has the barrier.</b> A process that creates the barrier or receives a handle to it is
 * recorded ({@link #attach()}). It lets go when its JVM shuts down in an orderly way (its
 * shutdown hooks run: a return from main, {@code System.exit}, an uncaught exception), so that
 * processes may take turns at a barrier. A process that dies without that ({@code kill -9},
 * {@code Runtime.halt}, a crash, a pool's kill of a stuck worker) stays recorded, and a waiter
 * that has waited {@link RobustLock#SUSPECT_NANOS} and finds it dead breaks the barrier: the
 * process it waits for may have been that one. Beyond {@value #PROCESSES} processes at once,
 * further ones are not recorded.
 *
 * <p>Thread-safe: every change but the epoch's is a section of the log.
 */
public final class BarrierState {

    static final int PROCESSES = 64;
    private static final int LOG = Header.BYTES;
    private static final int GENERATION = LOG + UndoLog.bytes(6);
    private static final int ARRIVED = GENERATION + 4;
    private static final int BROKEN = GENERATION + 8;
    private static final int EPOCH = GENERATION + 12;
    private static final int SLEEPERS = GENERATION + 16;
    private static final int OUTCOMES = LOG + 160;
    private static final int SLOTS = OUTCOMES + 64;
    /** The bytes after the header. */
    public static final int PAYLOAD = SLOTS - Header.BYTES + PROCESSES * 8;

    /** The barriers this process has attached to, let go at an orderly shutdown. */
    private static final Set<String> ATTACHED = ConcurrentHashMap.newKeySet();
    private static final Map<String, BarrierState> TO_DETACH = new ConcurrentHashMap<>();

    /** How a wait ended. */
    public enum Outcome { PASSED, BROKEN, TIMED_OUT, INTERRUPTED }

    private final Segment segment;
    private final UndoLog log;

    /** A view of the barrier in {@code segment}. */
    public BarrierState(Segment segment) {
        this.segment = segment;
        this.log = new UndoLog(segment, LOG, 6);
        Futex.prepare();
    }

    /** The segment the barrier lives in. */
    public Segment segment() {
        return segment;
    }

    /** The number of parties that must arrive. */
    public int parties() {
        return Header.detail(segment);
    }

    /** How many wait now, in this generation. */
    public int numberWaiting() {
        return isBroken() ? 0 : getInt(ARRIVED);
    }

    /** Whether this generation is broken. */
    public boolean isBroken() {
        return getInt(BROKEN) == 1;
    }

    /**
     * Records this process as one that has the barrier, once per process; it lets go at an
     * orderly shutdown.
     */
    public void attach() {
        if (!ATTACHED.add(segment.name())) {
            return;
        }
        int me = Lease.token();
        log.begin();
        try {
            if (find(me) < 0) {
                int free = find(0);
                if (free >= 0) {
                    log.putInt(slotAt(free), me);
                }
            }
        } finally {
            log.commit();
        }
        if (TO_DETACH.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(BarrierState::detachAll, "multiprocessing4j-barrier-detach"));
        }
        TO_DETACH.put(segment.name(), this);
    }

    private static synchronized void detachAll() {
        for (BarrierState barrier : TO_DETACH.values()) {
            barrier.detach();
        }
    }

    private void detach() {
        int me = Lease.token();
        log.begin();
        try {
            int slot = find(me);
            if (slot >= 0) {
                log.putInt(slotAt(slot), 0);
            }
        } finally {
            log.commit();
        }
    }

    /** The result of {@link #await}: how it ended, and the arrival index if it passed. */
    public record Arrival(Outcome outcome, int index) {}

    /**
     * Arrives and waits for the others, at most {@code nanos} (forever if negative). A timeout
     * or an interrupt breaks the barrier for everyone, as at a {@code CyclicBarrier}.
     */
    public Arrival await(long nanos) {
        int generation;
        int index;
        log.begin();
        try {
            if (getInt(BROKEN) == 1) {
                return new Arrival(Outcome.BROKEN, -1);
            }
            generation = getInt(GENERATION);
            int arrived = getInt(ARRIVED);
            index = parties() - 1 - arrived;
            if (arrived + 1 >= parties()) {
                log.putInt(outcomeAt(generation), generation << 1);
                log.putInt(ARRIVED, 0);
                log.putInt(GENERATION, generation + 1);
                index = 0;
            } else {
                log.putInt(ARRIVED, arrived + 1);
            }
        } finally {
            log.commit();
        }
        if (index == 0) {
            wakeAll();
            return new Arrival(Outcome.PASSED, 0);
        }
        return awaitOthers(generation, index, nanos);
    }

    private Arrival awaitOthers(int generation, int index, long nanos) {
        Deadline deadline = Deadline.in(nanos);
        long suspectSince = System.nanoTime();
        Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, 1);
        try {
            for (;;) {
                int epoch = getInt(EPOCH);
                if (getInt(GENERATION) != generation) {
                    return new Arrival(endedBroken(generation) ? Outcome.BROKEN : Outcome.PASSED, index);
                }
                if (getInt(BROKEN) == 1) {
                    return new Arrival(Outcome.BROKEN, index);
                }
                long slice = deadline.slice();
                if (slice == 0) {
                    breakGeneration(generation);
                    return new Arrival(Outcome.TIMED_OUT, index);
                }
                if (Thread.interrupted()) {
                    breakGeneration(generation);
                    return new Arrival(Outcome.INTERRUPTED, index);
                }
                if (System.nanoTime() - suspectSince >= RobustLock.SUSPECT_NANOS) {
                    suspectSince = System.nanoTime();
                    if (breakIfAPartyDied(generation)) {
                        continue;
                    }
                }
                Futex.await(segment, EPOCH, epoch, slice);
            }
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, -1);
        }
    }

    private boolean endedBroken(int generation) {
        int outcome = getInt(outcomeAt(generation));
        return (outcome >>> 1) == (generation & 0x7FFFFFFF) && (outcome & 1) == 1;
    }

    /** Breaks the barrier, as {@code abort()} does: those waiting, and those who arrive until a reset, fail. */
    public void abort() {
        breakGeneration(getInt(GENERATION));
    }

    private void breakGeneration(int generation) {
        log.begin();
        try {
            if (getInt(GENERATION) == generation && getInt(BROKEN) == 0) {
                log.putInt(BROKEN, 1);
            }
        } finally {
            log.commit();
        }
        wakeAll();
    }

    /**
     * Starts a new generation: those waiting in the current one fail with the barrier broken, and
     * a broken barrier is whole again.
     */
    public void reset() {
        log.begin();
        try {
            int generation = getInt(GENERATION);
            if (getInt(BROKEN) == 1 || getInt(ARRIVED) > 0) {
                log.putInt(outcomeAt(generation), (generation << 1) | 1);
                log.putInt(BROKEN, 0);
                log.putInt(ARRIVED, 0);
                log.putInt(GENERATION, generation + 1);
            }
        } finally {
            log.commit();
        }
        wakeAll();
    }

    /** Breaks the generation if a recorded process other than this one has died; forgets the dead. */
    private boolean breakIfAPartyDied(int generation) {
        int me = Lease.token();
        Map<Integer, Integer> deadSlots = new HashMap<>();
        for (int slot = 0; slot < PROCESSES; slot++) {
            int token = getInt(slotAt(slot));
            if (token != 0 && token != me && !Lease.isAlive(token)) {
                deadSlots.put(slot, token);
            }
        }
        if (deadSlots.isEmpty()) {
            return false;
        }
        log.begin();
        try {
            for (Map.Entry<Integer, Integer> dead : deadSlots.entrySet()) {
                if (getInt(slotAt(dead.getKey())) == dead.getValue()) {
                    log.putInt(slotAt(dead.getKey()), 0);
                }
            }
            if (getInt(GENERATION) == generation && getInt(BROKEN) == 0) {
                log.putInt(BROKEN, 1);
            }
        } finally {
            log.commit();
        }
        wakeAll();
        return true;
    }

    private void wakeAll() {
        Atomics.INT.getAndAdd(segment.buffer(), EPOCH, 1);
        if (getInt(SLEEPERS) > 0) {
            Futex.wake(segment, EPOCH, Integer.MAX_VALUE);
        }
    }

    private int find(int token) {
        for (int slot = 0; slot < PROCESSES; slot++) {
            if (getInt(slotAt(slot)) == token) {
                return slot;
            }
        }
        return -1;
    }

    private static int slotAt(int slot) {
        return SLOTS + slot * 8;
    }

    private static int outcomeAt(int generation) {
        return OUTCOMES + (generation & 15) * 4;
    }

    private int getInt(int offset) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), offset);
    }
}
