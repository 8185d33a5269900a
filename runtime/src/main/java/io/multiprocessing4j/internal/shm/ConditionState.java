package io.multiprocessing4j.internal.shm;

import java.nio.charset.StandardCharsets;

/**
 * The state behind {@code SharedCondition}: counts of waits begun, released and claimed, by which
 * a {@code signal} releases exactly one waiter and {@code signalAll} every one; and the name of
 * the lock the condition belongs to, so that a handle to the condition alone finds its lock in
 * another process.
 *
 * <p><b>Layout</b> after the {@link Header}:
 * <pre>
 *   +0   int  futex word: advanced by every signal, so that sleepers look again
 *   +4   int  sleepers
 *   +8   int  the lock's kind id
 *   +12  int  the length of the lock's segment name
 *   +16  the lock's segment name, ASCII, at most {@value #NAME_BYTES} bytes
 *   +80  int  waits begun
 *   +84  int  broadcasts: advanced by every signalAll that released someone
 *   +88  long released (high half) and claimed (low half): wait slots released, and those claimed
 * </pre>
 *
 * <p><b>Protocol</b> (the counters are those of glibc's process-shared condition variables before
 * 2.25, with a CAS on one word where glibc takes an internal lock). All counts are modulo
 * 2<sup>32</sup>, compared by difference. A waiter, holding the lock, adds one to the waits begun
 * and notes the released count and the broadcasts; then it releases the lock and sleeps on the
 * futex word until it can claim a slot: released has moved past the count it noted and claimed is
 * behind released, and one CAS of the released/claimed word adds one to claimed. A
 * {@code signal}, holding the lock, releases one slot if fewer slots are released than waits
 * begun (someone waits whom no signal has released), advances the futex word and wakes one
 * sleeper: a waiter that began before the signal, since one that begins after it needs the lock
 * the signaller holds. Every waiter that began before the signal could claim the slot; exactly one
 * does, and the others go back to sleep: one signal, one waiter released. A {@code signalAll}
 * sets released and claimed to the waits begun, advances the broadcasts and wakes every sleeper;
 * a waiter that sees the broadcasts moved returns without claiming.
 *
 * <p>A waiter whose time runs out, or that is interrupted, claims a released slot if there is one
 * (a signal came meanwhile, and it returns as signalled) and otherwise releases and claims a slot
 * of its own, as if signalled: it no longer counts among those waiting, so no later signal is
 * spent on it. A waiter that started after a signal can take that signal's slot only if another
 * waiter's timeout moved the released count in between: still one slot, one waiter.
 *
 * <p><b>Deaths.</b> Conditions have no owner of their own; the lock's owner-death rules apply. A
 * process that dies while it waits leaves its wait counted: a later {@code signal} may release a
 * slot for it that nobody claims, and the next signal that finds two waiters then releases both
 * (a spurious wake-up, which {@code Condition} allows), once per dead waiter. A
 * {@code signalAll} forgets the dead.
 */
public final class ConditionState {

    static final int NAME_BYTES = 64;
    private static final int FUTEX = Header.BYTES;
    private static final int SLEEPERS = FUTEX + 4;
    private static final int LOCK_KIND = FUTEX + 8;
    private static final int NAME_LENGTH = FUTEX + 12;
    private static final int NAME = FUTEX + 16;
    private static final int BEGUN = NAME + NAME_BYTES;
    private static final int BROADCASTS = BEGUN + 4;
    /** 8-aligned: {@code Header.BYTES} is 16 and everything before it is a multiple of 8. */
    private static final int RELEASED_CLAIMED = BEGUN + 8;
    /** The bytes after the header. */
    public static final int PAYLOAD = RELEASED_CLAIMED + 8 - Header.BYTES;

    private final Segment segment;

    /** A view of the condition in {@code segment}. */
    public ConditionState(Segment segment) {
        this.segment = segment;
        Futex.prepare();
    }

    /** Fills in a new condition's lock; its header is written already. */
    public static ConditionState initialize(Segment segment, SharedKind lockKind, String lockName) {
        byte[] name = lockName.getBytes(StandardCharsets.US_ASCII);
        if (name.length > NAME_BYTES) {
            throw new IllegalArgumentException("segment name " + lockName + " is too long");
        }
        for (int i = 0; i < name.length; i++) {
            segment.buffer().put(NAME + i, name[i]);
        }
        Atomics.INT.setVolatile(segment.buffer(), LOCK_KIND, lockKind.id());
        Atomics.INT.setVolatile(segment.buffer(), NAME_LENGTH, name.length);
        return new ConditionState(segment);
    }

    /** The segment the condition lives in. */
    public Segment segment() {
        return segment;
    }

    /** The kind of the condition's lock, or {@code null} if the segment names none. */
    public SharedKind lockKind() {
        return SharedKind.byId(getInt(LOCK_KIND));
    }

    /** The segment name of the condition's lock (checked when it is opened). */
    public String lockName() {
        int length = Math.max(0, Math.min(NAME_BYTES, getInt(NAME_LENGTH)));
        byte[] name = new byte[length];
        for (int i = 0; i < length; i++) {
            name[i] = segment.buffer().get(NAME + i);
        }
        return new String(name, StandardCharsets.US_ASCII);
    }

    /**
     * Releases {@code lock} fully, waits for a signal at most {@code nanos} (forever if negative),
     * and takes the lock back with as many holds as before, whatever happens.
     *
     * @return whether a signal ended the wait (or came as the time ran out or the interrupt was
     *     noticed: then this waiter took it, and no other waiter will), rather than the time
     * @throws IllegalMonitorStateException if this thread does not hold {@code lock}
     * @throws InterruptedException if interrupted before or while waiting, and no signal came
     *     for this waiter (the lock is held again)
     */
    public boolean await(RobustLock lock, long nanos, boolean interruptible) throws InterruptedException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("await on a shared condition needs its lock held by this thread");
        }
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        // under the lock: signals, which hold it too, see this wait from now on
        Atomics.INT.getAndAdd(segment.buffer(), BEGUN, 1);
        int releasedAtStart = released(releasedClaimed());
        int broadcasts = getInt(BROADCASTS);
        Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, 1);
        int holds = lock.unlockFully();
        boolean interrupted = false;
        boolean signalled = false;
        try {
            Deadline deadline = Deadline.in(nanos);
            for (;;) {
                int futex = getInt(FUTEX);
                if (getInt(BROADCASTS) != broadcasts || tryClaim(releasedAtStart)) {
                    signalled = true;
                    break;
                }
                long slice = deadline.slice();
                if (slice == 0) {
                    signalled = leave(releasedAtStart, broadcasts);
                    break;
                }
                Futex.await(segment, FUTEX, futex, slice);
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (interruptible) {
                        signalled = leave(releasedAtStart, broadcasts);
                        break;
                    }
                }
            }
        } finally {
            Atomics.INT.getAndAdd(segment.buffer(), SLEEPERS, -1);
            lock.reacquire(holds);
        }
        if (interrupted) {
            if (interruptible && !signalled) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /** Claims a released slot if the released count has moved since this wait began and one is unclaimed. */
    private boolean tryClaim(int releasedAtStart) {
        for (;;) {
            long word = releasedClaimed();
            int released = released(word);
            int claimed = claimed(word);
            if (released == releasedAtStart || claimed == released) {
                return false;
            }
            if (Atomics.LONG.compareAndSet(segment.buffer(), RELEASED_CLAIMED, word, pack(released, claimed + 1))) {
                return true;
            }
        }
    }

    /**
     * Ends a wait that no signal ended: takes a slot that a signal released meanwhile (returns
     * true), or else releases and claims one for this waiter, so that it no longer counts as
     * waiting (returns false). A broadcast meanwhile counts as a signal.
     */
    private boolean leave(int releasedAtStart, int broadcasts) {
        for (;;) {
            long word = releasedClaimed();
            int released = released(word);
            int claimed = claimed(word);
            // Every wait but this one claims at most once, so claimed can reach the waits begun
            // only through a broadcast since this wait began: one whose count may not show yet.
            // (Read in this order: a broadcast advances its count before a new wait can begin.)
            if (claimed == getInt(BEGUN) || getInt(BROADCASTS) != broadcasts) {
                return true;
            }
            boolean slot = released != releasedAtStart && claimed != released;
            long next = slot ? pack(released, claimed + 1) : pack(released + 1, claimed + 1);
            if (Atomics.LONG.compareAndSet(segment.buffer(), RELEASED_CLAIMED, word, next)) {
                return slot;
            }
        }
    }

    /**
     * Releases one waiter ({@code all}: every waiter); does nothing if nobody waits.
     *
     * @throws IllegalMonitorStateException if this thread does not hold {@code lock}
     */
    public void signal(RobustLock lock, boolean all) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("signal on a shared condition needs its lock held by this thread");
        }
        int begun = getInt(BEGUN); // changes only under the lock, which this thread holds
        for (;;) {
            long word = releasedClaimed();
            int released = released(word);
            if (released == begun) {
                return; // every wait begun has been released: nobody waits
            }
            long next = all ? pack(begun, begun) : pack(released + 1, claimed(word));
            if (Atomics.LONG.compareAndSet(segment.buffer(), RELEASED_CLAIMED, word, next)) {
                break;
            }
        }
        if (all) {
            Atomics.INT.getAndAdd(segment.buffer(), BROADCASTS, 1);
        }
        Atomics.INT.getAndAdd(segment.buffer(), FUTEX, 1);
        if (getInt(SLEEPERS) > 0) {
            Futex.wake(segment, FUTEX, all ? Integer.MAX_VALUE : 1);
        }
    }

    private long releasedClaimed() {
        return (long) Atomics.LONG.getVolatile(segment.buffer(), RELEASED_CLAIMED);
    }

    private static long pack(int released, int claimed) {
        return ((long) released << 32) | (claimed & 0xFFFFFFFFL);
    }

    private static int released(long word) {
        return (int) (word >>> 32);
    }

    private static int claimed(long word) {
        return (int) word;
    }

    private int getInt(int offset) {
        return (int) Atomics.INT.getVolatile(segment.buffer(), offset);
    }
}
