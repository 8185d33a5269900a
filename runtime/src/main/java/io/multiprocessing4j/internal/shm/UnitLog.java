package io.multiprocessing4j.internal.shm;

import io.multiprocessing4j.internal.wire.Encoder;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A pool worker's log of the chunk it is running: the outcome of each task, written to shared
 * memory as the task ends, so that it survives the worker's sudden death ({@code Runtime.halt},
 * {@code kill -9}, a crash), which nothing inside the worker sees coming. When a worker dies, the
 * parent reads the log of the unit it was running: the tasks logged are delivered, the next one is
 * the one the worker died under, and the rest of the chunk runs elsewhere.
 *
 * <p>Why a log and not a message per task: a message costs a system call and a wake-up of the
 * parent's reader per task, which a map of a million tiny tasks in a few chunks cannot afford;
 * a write to this mapping costs a copy of the task's encoded outcome (already made for the chunk's
 * one results message) and one ordered store. The worker's results message stays one per chunk.
 *
 * <p><b>Layout</b> (native byte order), a file {@code unitlog-<worker pid>} in the
 * {@linkplain ProgramDirectory program's directory}: at 0 a long, the commit, {@code count << 32 |
 * bytes}: how many outcomes are logged and how many bytes they take; at 8 a long, the unit's id;
 * from 16 on, the outcomes, encoded as in a results frame. The commit is one store, made after the
 * bytes it covers and with release semantics, so a reader never sees a count that its bytes do
 * not back. A unit that could not be logged (its outcomes did not fit and the log could not grow)
 * has the id -1.
 *
 * <p><b>Life.</b> The worker creates its log in the background once it is ready, and logs only
 * units of more than one task (a single task needs none: a death fails it); the parent deletes
 * the log when the worker has exited.
 * The log keeps the memory of the largest unit's outcomes since it last shrank, up to
 * {@value #KEEP_BYTES} bytes; a unit that starts with more shrinks it back. Its memory is reserved
 * as it grows, so a full {@code /dev/shm} is an exception (the log then stops) rather than a
 * {@code SIGBUS}.
 *
 * <p>Not thread-safe: the worker's thread that runs units writes it; the parent reads it only
 * after the worker has exited.
 */
public final class UnitLog {

    private static final int COMMIT = 0;
    private static final int UNIT = 8;
    private static final int OUTCOMES = 16;
    private static final int INITIAL_BYTES = 64 << 10;
    private static final int KEEP_BYTES = 4 << 20;
    private static final long NOT_LOGGED = -1;
    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final FileChannel channel;
    private MappedByteBuffer map;
    /** How many outcome bytes the mapping holds. */
    private int capacity;
    private int count;
    private int bytes;
    /** The running unit's outcomes could not all be logged; nothing more is written for it. */
    private boolean abandoned;

    private UnitLog(FileChannel channel) {
        this.channel = channel;
    }

    /** The log of the worker whose pid is {@code pid}. */
    private static Path file(Path directory, long pid) {
        return directory.resolve("unitlog-" + Long.toHexString(pid));
    }

    /**
     * Creates this process's log, empty.
     *
     * @throws IOException if it cannot be created or its first memory reserved
     */
    public static UnitLog create() throws IOException {
        Path file = file(ProgramDirectory.path(), ProcessHandle.current().pid());
        Files.deleteIfExists(file); // a log left by an earlier process of this pid, which did not exit cleanly
        FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OWNER_RW));
        UnitLog log = new UnitLog(channel);
        try {
            log.resize(INITIAL_BYTES);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
        return log;
    }

    /** Starts the log of unit {@code unitId}: nothing of it is logged yet. */
    public void begin(long unitId) {
        count = 0;
        bytes = 0;
        abandoned = false;
        if (capacity > KEEP_BYTES) {
            try {
                store(UNIT, NOT_LOGGED);
                channel.truncate(OUTCOMES);
                resize(INITIAL_BYTES);
            } catch (IOException | RuntimeException e) {
                abandoned = true;
                return;
            }
        }
        store(COMMIT, 0L);
        store(UNIT, unitId);
    }

    /**
     * Logs the next task's outcome: bytes {@code from} to {@code to} of {@code results}, the
     * encoder of the unit's results message. If the log cannot grow to hold it, the unit is marked
     * as not logged, and its death fails it whole.
     */
    public void append(Encoder results, int from, int to) {
        if (abandoned) {
            return;
        }
        int length = to - from;
        // a short outcome is written as one 8-byte word (see Encoder.copyWordTo), so the log keeps
        // room for a whole word after the bytes it holds
        int room = Math.max(length, Long.BYTES);
        if (room > capacity - bytes) {
            try {
                long wanted = Math.max((long) bytes + room, 2L * capacity);
                resize((int) Math.min(wanted, Integer.MAX_VALUE - OUTCOMES));
            } catch (IOException | RuntimeException e) {
                abandoned = true;
                store(UNIT, NOT_LOGGED);
                return;
            }
            if (room > capacity - bytes) {
                abandoned = true;
                store(UNIT, NOT_LOGGED);
                return;
            }
        }
        if (length <= Long.BYTES) {
            results.copyWordTo(from, length, map, OUTCOMES + bytes);
        } else {
            results.copyTo(from, length, map, OUTCOMES + bytes);
        }
        bytes += length;
        count++;
        store(COMMIT, (long) count << 32 | bytes);
    }

    /**
     * Stores {@code value} at {@code offset} after every store before it: a fence and a plain
     * store rather than a {@code VarHandle}'s release store, which costs a fresh worker's
     * interpreter about a microsecond a call until it is compiled (measured: chunks of 125,000
     * tasks, 2 to 4 times the cost of the task's own encoding), and is no stronger.
     */
    private void store(int offset, long value) {
        VarHandle.releaseFence();
        map.putLong(offset, value);
    }

    /** Maps the file with room for {@code outcomeBytes} outcome bytes, its memory reserved. */
    private void resize(int outcomeBytes) throws IOException {
        long size = (long) OUTCOMES + outcomeBytes;
        long before = channel.size();
        if (before < size) {
            Segment.reserve(channel, before, size);
        }
        MappedByteBuffer grown = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        grown.order(ByteOrder.nativeOrder());
        map = grown; // the same file: what was logged is where it was

        capacity = outcomeBytes;
    }

    /**
     * Reads and deletes the log of the exited worker {@code pid}: what it logged of the unit it
     * was running, as the body of a results frame (unit id, count, outcomes), or {@code null} if
     * it kept no log, or none of this unit. Best effort: a log that cannot be read counts as none.
     */
    public static ByteBuffer takeFor(long pid) {
        Path file = file(ProgramDirectory.location(), pid);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(OUTCOMES).order(ByteOrder.nativeOrder());
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // read on
            }
            if (header.hasRemaining()) {
                return null;
            }
            long commit = header.getLong(COMMIT);
            long unitId = header.getLong(UNIT);
            int count = (int) (commit >>> 32);
            int length = (int) commit;
            if (unitId == NOT_LOGGED || length < 0 || OUTCOMES + (long) length > channel.size()) {
                return null;
            }
            ByteBuffer body = ByteBuffer.allocate(12 + length);
            body.putLong(unitId).putInt(count);
            while (body.hasRemaining() && channel.read(body, OUTCOMES + body.position() - 12) > 0) {
                // read on
            }
            return body.hasRemaining() ? null : body.flip();
        } catch (NoSuchFileException e) {
            return null; // the worker never ran a unit of more than one task
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException e) {
                // the program's directory goes at its end anyway
            }
        }
    }
}
