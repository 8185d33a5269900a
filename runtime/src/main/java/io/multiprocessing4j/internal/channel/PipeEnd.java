package io.multiprocessing4j.internal.channel;

import io.multiprocessing4j.ConnectionClosedException;
import io.multiprocessing4j.internal.shm.Deadline;
import io.multiprocessing4j.internal.shm.Lease;
import io.multiprocessing4j.internal.wire.Encoder;
import java.util.function.BooleanSupplier;

/**
 * One end of a {@link PipeState}, as this process sees it: the state behind a
 * {@code Connection}. It sends on the ring of its own end and receives on the other's.
 *
 * <p><b>Ownership.</b> Only the process that owns an end uses it: it was made there, or it was
 * received there last (a process that receives an end's handle takes it over, {@link #claim()}).
 * Writing its handle to send it elsewhere marks it in transit ({@link #handOver()}): from then on
 * this process's objects of it can only be closed, which does nothing, so that the end belongs to
 * the receiver whatever the sender does with its copy. Any other use from a process that does not
 * own it fails with {@link IllegalStateException}.
 *
 * <p><b>The other end gone.</b> A receiver that finds nothing looks at the other end's word: once
 * it is closed, it takes what is left and then throws {@link ConnectionClosedException}. An
 * owner that ends without closing (killed, halted) closes nothing, so a receiver that has waited
 * {@value #PEER_CHECK_MILLIS} ms asks {@link Lease#isAlive} about the other end's owner (65 to 160 µs
 * on the project's machine, so well under 1% of a core), and closes that end for it if it is gone:
 * a receiver learns of a killed peer within about a tenth of a second, of a closed or orderly
 * exited one at once. A sender looks at the other end the
 * same way, and fails instead of filling memory that no one will read.
 *
 * <p><b>Interrupts</b> do not end a wait here (the public methods declare no
 * {@code InterruptedException}); the interrupt status is kept for the caller. Closing the end
 * from another thread ends a wait with {@link ConnectionClosedException}.
 *
 * <p>Thread-safe; the time of the last liveness check is a racy hint.
 */
public final class PipeEnd {

    /** How often a waiting receiver, or a busy sender, asks whether the other end's owner lives. */
    static final long PEER_CHECK_MILLIS = 50;
    private static final long PEER_CHECK_NANOS = PEER_CHECK_MILLIS * 1_000_000;

    private final PipeState pipe;
    private final int end;
    private final int peer;
    private final RecordRing out;
    private final RecordRing in;
    private long peerCheckedAt = System.nanoTime();
    private final Spin spin = new Spin();
    private final BooleanSupplier hasRecords;

    /** Where this end stands, seen from this process. */
    public enum Standing {
        /** This process owns it and may use it. */
        OWNED,
        /** This process sent it to another, which has not received it yet. */
        SENT,
        /** Another process owns it. */
        ELSEWHERE,
        /** It is closed, for every process. */
        CLOSED
    }

    PipeEnd(PipeState pipe, int end) {
        this.pipe = pipe;
        this.end = end;
        this.peer = 1 - end;
        this.out = pipe.ring(end);
        this.in = pipe.ring(peer);
        this.hasRecords = () -> in.recordsNow() > 0;
    }

    /** 0 for the left end, 1 for the right. */
    public int index() {
        return end;
    }

    /** The pipe this end belongs to. */
    public PipeState pipe() {
        return pipe;
    }

    /** Where this end stands for this process now. */
    public Standing standing() {
        int word = pipe.word(end);
        int me = Lease.token();
        if ((word & PipeState.CLOSED) != 0) {
            return Standing.CLOSED;
        }
        if (word == me) {
            return Standing.OWNED;
        }
        return word == (me | PipeState.IN_TRANSIT) ? Standing.SENT : Standing.ELSEWHERE;
    }

    /** Messages waiting to be received at this end. */
    public int waiting() {
        return in.recordsNow();
    }

    // ---- ownership ----

    /**
     * Takes the end over for this process, as its handle arrives. An end in transit whose sender
     * has died is closed instead (see {@link PipeState}); a closed end stays closed.
     */
    public void claim() {
        int me = Lease.token();
        while (true) {
            int word = pipe.word(end);
            if ((word & PipeState.CLOSED) != 0) {
                return;
            }
            if (word == me) {
                OwnedEnds.register(pipe);
                return;
            }
            int owner = word & PipeState.TOKEN;
            if ((word & PipeState.IN_TRANSIT) != 0 && owner != me && !Lease.isAlive(owner)) {
                pipe.close(end, word, PipeState.OWNER_ENDED);
                continue;
            }
            if (pipe.compareAndSet(end, word, me)) {
                pipe.setPid(end, (int) ProcessHandle.current().pid());
                OwnedEnds.register(pipe);
                return;
            }
        }
    }

    /** Marks the end in transit, as its handle is written to leave this process, if this process owns it. */
    public void handOver() {
        int me = Lease.token();
        while (pipe.word(end) == me) {
            if (pipe.compareAndSet(end, me, me | PipeState.IN_TRANSIT)) {
                return;
            }
        }
    }

    /**
     * Closes the end if this process owns it: the other end's receivers take what is left, then
     * get {@link ConnectionClosedException}, as do this end's. Does nothing if it is closed
     * already, or was sent to another process.
     */
    public void close() {
        int me = Lease.token();
        while (true) {
            int word = pipe.word(end);
            if (word != me) {
                return;
            }
            if (pipe.close(end, word, PipeState.BY_OWNER)) {
                OwnedEnds.forget(pipe, me);
                return;
            }
        }
    }

    // ---- sending ----

    /**
     * Sends a value, encoded with the wire's codec.
     *
     * @throws ConnectionClosedException if this end or the other is closed
     * @throws IllegalStateException if this process does not own the end
     * @throws IllegalArgumentException if the value cannot be encoded (the message names its
     *     type); nothing is sent
     */
    public void sendValue(Object value) {
        requireOwned();
        requirePeerOpen();
        Encoder message = Items.encode(value, "send", "through a pipe");
        try {
            sent(out.append(message, 0));
        } finally {
            Items.release(message);
        }
    }

    /** Sends {@code length} raw bytes of {@code bytes} from {@code offset}; as {@link #sendValue}. */
    public void sendBytes(byte[] bytes, int offset, int length) {
        requireOwned();
        requirePeerOpen();
        sent(out.append(bytes, offset, length, 0));
    }

    private void sent(RecordRing.Append outcome) {
        if (outcome == RecordRing.Append.DISCARDED) { // both ends closed meanwhile
            requireOwned();
            throw peerClosed(": nothing more can be sent");
        }
    }

    // ---- receiving ----

    /**
     * Receives the next value sent with {@link #sendValue}, waiting as long as it takes; as
     * {@link #receive}.
     *
     * @throws IllegalStateException also if the value cannot be decoded here (it is dropped)
     */
    public Object receiveValue() {
        return Items.decode(receive(false), "a pipe");
    }

    /** Receives the next bytes sent with {@link #sendBytes}, waiting as long as it takes; as {@link #receive}. */
    public byte[] receiveBytes() {
        return receive(true);
    }

    /**
     * Receives the next message's bytes, waiting as long as it takes.
     *
     * @param raw whether the caller wants raw bytes (else an encoded value)
     * @throws ConnectionClosedException if the other end is closed and nothing is left to receive,
     *     or this end is closed
     * @throws IllegalStateException if this process does not own the end, or the next message is
     *     of the other sort (it stays)
     */
    private byte[] receive(boolean raw) {
        requireOwned();
        byte[] message = tryTake(raw);
        if (message != null) {
            return message;
        }
        boolean interrupted = false;
        try {
            spin.spin(hasRecords, Long.MAX_VALUE);
            Deadline forever = Deadline.in(-1);
            WaitWord records = in.forRecords();
            while (true) {
                message = tryTake(raw);
                if (message != null) {
                    return message;
                }
                requireOwned();
                if (peerGone()) {
                    message = tryTake(raw); // what it sent before it closed
                    if (message != null) {
                        return message;
                    }
                    throw peerClosed(", and everything it sent has been received");
                }
                int seen = records.arm();
                if (in.recordsNow() > 0 || closedEither()) {
                    records.disarm();
                    continue;
                }
                records.sleep(seen, forever.slice());
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether a message is waiting, or the other end is closed (so that a receive would not
     * wait), waiting at most {@code nanos} for either.
     *
     * @throws ConnectionClosedException if this end is closed
     * @throws IllegalStateException if this process does not own the end
     */
    public boolean poll(long nanos) {
        requireOwned();
        if (in.recordsNow() > 0 || peerGone()) {
            return true;
        }
        if (nanos == 0) {
            return false;
        }
        boolean interrupted = false;
        try {
            Deadline deadline = Deadline.in(nanos);
            if (spin.spin(hasRecords, nanos)) {
                return true;
            }
            WaitWord records = in.forRecords();
            while (true) {
                if (in.recordsNow() > 0) {
                    return true;
                }
                requireOwned();
                if (peerGone()) {
                    return true;
                }
                long slice = deadline.slice();
                if (slice == 0) {
                    return false;
                }
                int seen = records.arm();
                if (in.recordsNow() > 0 || closedEither()) {
                    records.disarm();
                    continue;
                }
                records.sleep(seen, slice);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next message if there is one and it is of the sort asked. */
    private byte[] tryTake(boolean raw) {
        if (in.recordsNow() == 0) {
            return null;
        }
        byte[] message = in.remove(raw);
        if (message == RecordRing.OTHER_SORT) {
            throw new IllegalStateException(raw
                    ? "the next message was sent with send(), not sendBytes(): receive it with recv()"
                    : "the next message was sent with sendBytes(), not send(): receive it with recvBytes()");
        }
        return message;
    }

    /** Whether either end's word says closed: what a closer signals, looked at after arming a wait. */
    private boolean closedEither() {
        return ((pipe.word(end) | pipe.word(peer)) & PipeState.CLOSED) != 0;
    }

    // ---- the ends' states ----

    private void requireOwned() {
        int word = pipe.word(end);
        if (word == Lease.token()) {
            return;
        }
        if ((word & PipeState.CLOSED) != 0) {
            boolean ended = pipe.how(end) == PipeState.OWNER_ENDED;
            throw new ConnectionClosedException("this end of the pipe is closed"
                    + (ended ? ": the process that had it (pid " + pipe.pid(end) + ") has ended" : ""));
        }
        if ((word & PipeState.IN_TRANSIT) != 0 && (word & PipeState.TOKEN) == Lease.token()) {
            throw new IllegalStateException("this end of the pipe was sent to another process, and belongs to the"
                    + " process that receives it: use it there (this process's object of it can only be closed,"
                    + " which does nothing)");
        }
        throw new IllegalStateException("this end of the pipe belongs to another process (last pid "
                + pipe.pid(end) + "), to which it was sent: use it there, or send it back");
    }

    /**
     * Whether the other end is closed, asking whether its owner lives (and closing it if not) at
     * most every {@value #PEER_CHECK_MILLIS} ms.
     */
    private boolean peerGone() {
        int word = pipe.word(peer);
        if ((word & PipeState.CLOSED) != 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now - peerCheckedAt < PEER_CHECK_NANOS) {
            return false;
        }
        peerCheckedAt = now;
        if (Lease.isAlive(word & PipeState.TOKEN)) {
            return false;
        }
        pipe.close(peer, word, PipeState.OWNER_ENDED);
        return true;
    }

    private void requirePeerOpen() {
        if (peerGone()) {
            throw peerClosed(": nothing more can be sent");
        }
    }

    private ConnectionClosedException peerClosed(String after) {
        String how;
        switch (pipe.how(peer)) {
            case PipeState.BY_OWNER:
                how = "the other end of the pipe was closed by its owner (pid " + pipe.pid(peer) + ")";
                break;
            case PipeState.OWNER_ENDED:
                how = "the process that had the other end of the pipe (pid " + pipe.pid(peer) + ") has ended";
                break;
            default:
                how = "the other end of the pipe is closed";
                break;
        }
        return new ConnectionClosedException(how + after);
    }
}
