package io.multiprocessing4j.internal.channel;

import io.multiprocessing4j.internal.shm.Atomics;
import io.multiprocessing4j.internal.shm.Futex;
import io.multiprocessing4j.internal.shm.Segment;

/**
 * Something threads of any process wait for (a record, room, the last task done), as two
 * {@code int}s of a segment: a sequence, the futex word, and a count of the threads that sleep or
 * are about to.
 *
 * <p><b>Protocol.</b> A waiter {@linkplain #arm() counts itself in and reads the sequence}, then
 * looks at the state it waits for, then {@linkplain #sleep sleeps} on the sequence it read (or
 * {@linkplain #disarm() counts itself out} if the state suits it). A changer changes the state,
 * then {@linkplain #signal signals}: if it sees a waiter counted, it raises the sequence and wakes.
 * With every access volatile, either the changer sees the waiter counted, and the raised sequence
 * makes the sleep return at once if it has not begun, or the waiter's look comes after the change
 * and sees it. A changer that sees nobody counted makes no write and no system call at all, which
 * is what keeps a busy queue's put cheap. A waiter killed while counted leaves the count too high:
 * later changes then cost a needless wake (about 2 µs), nothing else.
 *
 * <p>Thread-safe.
 */
final class WaitWord {

    /** The bytes a wait word takes: the sequence, then the count. */
    static final int BYTES = 8;

    private final Segment segment;
    private final int sequence;
    private final int sleepers;

    /** The wait word at {@code offset} of {@code segment}, 4-aligned. */
    WaitWord(Segment segment, int offset) {
        this.segment = segment;
        this.sequence = offset;
        this.sleepers = offset + 4;
    }

    /** Counts the calling thread among the waiters; returns the sequence to {@link #sleep} on. */
    int arm() {
        Atomics.INT.getAndAdd(segment.buffer(), sleepers, 1);
        return (int) Atomics.INT.getVolatile(segment.buffer(), sequence);
    }

    /** Sleeps at most {@code nanos} unless the sequence is no longer {@code seen}, then counts the thread out. */
    void sleep(int seen, long nanos) {
        try {
            Futex.await(segment, sequence, seen, nanos);
        } finally {
            disarm();
        }
    }

    /** Counts the calling thread out without sleeping. */
    void disarm() {
        Atomics.INT.getAndAdd(segment.buffer(), sleepers, -1);
    }

    /** After a change: wakes one waiter, or all, if any is counted. */
    void signal(boolean all) {
        if ((int) Atomics.INT.getVolatile(segment.buffer(), sleepers) > 0) {
            Atomics.INT.getAndAdd(segment.buffer(), sequence, 1);
            Futex.wake(segment, sequence, all ? Integer.MAX_VALUE : 1);
        }
    }
}
