package io.multiprocessing4j.internal.shm;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state behind {@code SharedBarrier}: parties meet in generations, as at a
 * {@code java.util.concurrent.CyclicBarrier}, and a round in progress breaks when a process that
 * has the barrier dies during it, instead of leaving the others waiting for ever.
 *
 * <p><b>Layout</b> after the {@link Header} (whose detail is the number of parties):
 * <pre>
 *   +0     UndoLog (capacity {@value #LOG_CAPACITY}, 1128 bytes): guards everything below but the epoch and the sleepers
 *   +1128  int  generation
 *   +1132  int  arrived in this generation
 *   +1136  int  1 while this generation is broken
 *   +1140  int  epoch: changes whenever waiters should look again (the futex word)
 *   +1144  int  sleepers
 *   +1148  int  generation + 1 once a waiter of that generation has looked at every process
 *   +1152  int  resets: how many resets have ended a generation
 *   +1156  the generation each of the last {@value #RESET_LOG} resets ended, by reset number
 *   +1224  processes that have the barrier: {@value #PROCESSES} slots of (int token, int stamp)
 * </pre>
 *
 * <p><b>How a waiter learns how its round ended.</b> It notes the resets at its arrival. When the
 * generation has moved on, its round passed if no reset has come since; otherwise the first reset
 * after its arrival tells: its round was reset (broken) if and only if that reset ended its
 * generation, since a reset can only end the generation of the moment. That reset is found by its
 * number among the last {@value #RESET_LOG}; a waiter that was kept from running while more
 * resets went by cannot tell, and says so ({@link Outcome#LOST}) rather than guess.
 *
 * <p><b>Who has the barrier, and which deaths break a round.</b> A process that creates the
 * barrier or receives a handle to it is recorded ({@link #attach()}); it lets go when its JVM
 * shuts down in an orderly way (its shutdown hooks run), so that processes may take turns at a
 * barrier. The barrier cannot know which of these processes are to arrive in a round, so it
 * takes the rule that can be checked: a process that was alive while the round was in progress
 * (someone waiting) and is dead before the round ends broke it. Each slot's stamp is
 * {@code generation + 1} of the round in which the process was last seen alive with someone
 * waiting: stamped by {@link #attach()} when a round is in progress, and by waiters, who look at
 * every recorded process {@value #FIRST_LOOK_MILLIS} ms into a round (one waiter per round) and
 * every {@link RobustLock#SUSPECT_NANOS} after. A dead process stamped in the current round
 * breaks it; a dead process without that stamp died before the round began (while nobody
 * waited) or within its first look, and is only forgotten. So a process that merely received the
 * barrier, a pool worker that once ran a task with it, is never the cause of a broken round
 * after it dies between rounds; the price is that a party that dies between rounds leaves the
 * next round waiting for it, as in Python: wait with a timeout where that can happen. Beyond
 * {@value #PROCESSES} processes at once, further ones are not recorded.
 *
 * <p>Thread-safe: every change but the epoch's is a section of the log.
 */
public final class BarrierState implements BarrierBackend {

    static final int PROCESSES = 64;
    /** The most a section writes: every slot, the broken flag and the look. */
    static final int LOG_CAPACITY = PROCESSES + 4;
    /** How many resets are remembered with the generation they ended. */
    static final int RESET_LOG = 16;
    static final long FIRST_LOOK_MILLIS = 1;
    private static final long FIRST_LOOK_NANOS = FIRST_LOOK_MILLIS * 1_000_000;
    private static final int LOG = Header.BYTES;
    private static final int GENERATION = LOG + UndoLog.bytes(LOG_CAPACITY);
    private static final int ARRIVED = GENERATION + 4;
    private static final int BROKEN = GENERATION + 8;
    private static final int EPOCH = GENERATION + 12;
    private static final int SLEEPERS = GENERATION + 16;
    private static final int LOOKED = GENERATION + 20;
    private static final int RESETS = GENERATION + 24;
    private static final int RESET_GENERATIONS = GENERATION + 28;
    /** 8-aligned. */
    private static final int SLOTS = RESET_GENERATIONS + RESET_LOG * 4 + 4;
    /** The bytes after the header. */
    public static final int PAYLOAD = SLOTS - Header.BYTES + PROCESSES * 8;

    /** The barriers this process has attached to, let go at an orderly shutdown. */
    private static final Set<String> ATTACHED = ConcurrentHashMap.newKeySet();
    private static final Map<String, BarrierState> TO_DETACH = new ConcurrentHashMap<>();

    /** How a wait ended. */
    public enum Outcome {
        PASSED, BROKEN, TIMED_OUT, INTERRUPTED,
        /** The round ended while this waiter could not run, and so many resets followed that it cannot tell how. */
        LOST
    }

    private final Segment segment;
    private final UndoLog log;

    /** A view of the barrier in {@code segment}. */
    public BarrierState(Segment segment) {
        this.segment = segment;
        this.log = new UndoLog(segment, LOG, LOG_CAPACITY);
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
     * orderly shutdown. Attached while a round is in progress, it is stamped alive in that round.
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
                    if (roundInProgress()) {
                        log.putInt(slotAt(free) + 4, getInt(GENERATION) + 1);
                    }
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
                log.putInt(slotAt(slot) + 4, 0);
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
        int resets;
        log.begin();
        try {
            if (getInt(BROKEN) == 1) {
                return new Arrival(Outcome.BROKEN, -1);
            }
            generation = getInt(GENERATION);
            resets = getInt(RESETS);
            int arrived = getInt(ARRIVED);
            index = parties() - 1 - arrived;
            if (arrived + 1 >= parties()) {
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
        return awaitOthers(generation, resets, index, nanos);
    }

    private Arrival awaitOthers(int generation, int resets, int index, long nanos) {
        Deadline deadline = Deadline.in(nanos);
        long start = System.nanoTime();
        long nextLook = getInt(LOOKED) == generation + 1 ? RobustLock.SUSPECT_NANOS : FIRST_LOOK_NANOS;
        Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, 1);
        try {
            for (;;) {
                int epoch = getInt(EPOCH);
                if (getInt(GENERATION) != generation) {
                    return new Arrival(howItEnded(generation, resets), index);
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
                if (System.nanoTime() - start >= nextLook) {
                    nextLook = System.nanoTime() - start + RobustLock.SUSPECT_NANOS;
                    if (lookAtProcesses(generation)) {
                        continue;
                    }
                }
                Futex.await(segment, EPOCH, epoch, Math.min(slice, Math.max(1, nextLook - (System.nanoTime() - start))));
            }
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, -1);
        }
    }

    /**
     * How {@code generation}, which has ended, ended, for a waiter that arrived when
     * {@code resets} resets had been made (see the class comment).
     */
    private Outcome howItEnded(int generation, int resets) {
        if (getInt(RESETS) == resets) {
            return Outcome.PASSED;
        }
        int first = resets + 1; // the first reset after the arrival; its entry is written before the count
        int ended = getInt(resetAt(first));
        // the entry is overwritten only by reset number first + RESET_LOG, made while the count is
        // first + RESET_LOG - 1: read after the entry, a count below that proves the entry was intact
        if (getInt(RESETS) - first >= RESET_LOG - 1) {
            return Outcome.LOST;
        }
        return ended == generation ? Outcome.BROKEN : Outcome.PASSED;
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
                int number = getInt(RESETS) + 1;
                log.putInt(resetAt(number), generation);
                log.putInt(RESETS, number);
                log.putInt(BROKEN, 0);
                log.putInt(ARRIVED, 0);
                log.putInt(GENERATION, generation + 1); // last: waiters look at it first
            }
        } finally {
            log.commit();
        }
        wakeAll();
    }

    private boolean roundInProgress() {
        return getInt(ARRIVED) > 0 && getInt(BROKEN) == 0;
    }

    /**
     * Looks at every recorded process while {@code generation} is in progress: stamps the live
     * ones alive in it, forgets the dead, and breaks the round if one of the dead was stamped
     * alive in it (it died during the round). Liveness is checked outside the guard.
     *
     * @return whether the round broke
     */
    private boolean lookAtProcesses(int generation) {
        if (getInt(GENERATION) != generation || !roundInProgress()) {
            return false;
        }
        int me = Lease.token();
        int[] tokens = new int[PROCESSES];
        boolean[] alive = new boolean[PROCESSES];
        for (int slot = 0; slot < PROCESSES; slot++) {
            tokens[slot] = getInt(slotAt(slot));
            alive[slot] = tokens[slot] == me || (tokens[slot] != 0 && Lease.isAlive(tokens[slot]));
        }
        int stamp = generation + 1;
        boolean broke = false;
        log.begin();
        try {
            if (getInt(GENERATION) != generation || !roundInProgress()) {
                return false;
            }
            for (int slot = 0; slot < PROCESSES; slot++) {
                if (tokens[slot] == 0 || getInt(slotAt(slot)) != tokens[slot]) {
                    continue;
                }
                if (alive[slot]) {
                    if (getInt(slotAt(slot) + 4) != stamp) {
                        log.putInt(slotAt(slot) + 4, stamp);
                    }
                } else {
                    broke |= getInt(slotAt(slot) + 4) == stamp;
                    log.putLong(slotAt(slot), 0L);
                }
            }
            if (broke) {
                log.putInt(BROKEN, 1);
            }
            if (getInt(LOOKED) != stamp) {
                log.putInt(LOOKED, stamp);
            }
        } finally {
            log.commit();
        }
        if (broke) {
            wakeAll();
        }
        return broke;
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

    private static int resetAt(int number) {
        return RESET_GENERATIONS + Math.floorMod(number, RESET_LOG) * 4;
    }

    private int getInt(int offset) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), offset);
    }
}
