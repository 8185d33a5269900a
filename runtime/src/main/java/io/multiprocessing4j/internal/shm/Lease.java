package io.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a process is, in shared memory, and whether it still lives. Each process of the program
 * that takes part in shared state has a <em>token</em>: a positive {@code int} below 2<sup>30</sup>,
 * unique in the program and never reused. Shared objects write tokens where they record an owner
 * (a lock's word, a semaphore's holders, a barrier's parties), and ask {@link #isAlive} when the
 * owner has kept them waiting long enough to suspect it is gone.
 *
 * <p><b>Why a lease file, not a pid.</b> A process takes its token from a counter in the
 * program-wide segment {@value #REGISTRY}, then creates the file {@code lease-<token>} in the
 * program's directory and holds an exclusive {@link FileChannel#lock() lock} on it for the rest
 * of its life. The kernel drops that lock when the process ends, however it ends ({@code exit},
 * {@code halt}, {@code kill -9}, a crash), at the moment its files are closed. So another process
 * knows the owner is gone when it can take the lock itself. A pid would need its start time to
 * survive pid reuse, and would call a zombie (dead, not yet reaped) alive; a token is never
 * reused, and a lease ends before the process is a zombie. Measured on this project's loaded
 * machine: a liveness check of another process costs 65 to 160 µs (open, {@code fcntl}, close),
 * about what reading its pid's start time from {@code /proc} costs (130 to 180 µs), once per
 * suspicion, never on a fast path. The lease also works where {@code /proc} does not (macOS).
 *
 * <p>Tokens are written into shared words only after the lease is held, so a token found in
 * shared memory either has its file locked by a live process, or names a process that has ended.
 * A token whose file is missing (the checker that found it dead deleted it) is dead too.
 *
 * <p>Thread-safe. A process's own token is set once, under this class's lock; checks of other
 * processes run one at a time under the same lock (two channels of one JVM on one file would
 * disturb each other's locks). That lock is never held while calling out of this class.
 */
public final class Lease {

    static final String REGISTRY = "registry-0-0";
    private static final int COUNTER_OFFSET = 0;
    /** Tokens stay below this, so that a word can keep its top two bits for flags. */
    public static final int TOKEN_LIMIT = 1 << 30;

    private static volatile int token;
    /** The channel holding this process's lease: referenced for the life of the JVM, never closed. */
    private static FileChannel held;
    private static final Set<Integer> DEAD = ConcurrentHashMap.newKeySet();

    private Lease() {}

    /**
     * This process's token, taking a lease on first call.
     *
     * @throws UncheckedIOException if the lease file cannot be created (the program's directory
     *     is full or gone); the message says where
     */
    public static int token() {
        int mine = token;
        return mine != 0 ? mine : take();
    }

    private static synchronized int take() {
        if (token != 0) {
            return token;
        }
        Segment registry = Segment.openOrCreate(REGISTRY, 4096);
        int next = (int) Atomics.INT.getAndAdd(registry.buffer(), COUNTER_OFFSET, 1) + 1;
        if (next <= 0 || next >= TOKEN_LIMIT) {
            throw new IllegalStateException("this program has started more than " + (TOKEN_LIMIT - 1)
                    + " processes that share state: no lease tokens are left");
        }
        Path file = fileOf(next);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
            held = channel;
        } catch (IOException e) {
            throw new UncheckedIOException("multiprocessing4j cannot create its lease file " + file + ": "
                    + e.getMessage(), e);
        }
        token = next;
        return next;
    }

    /**
     * Whether the process with lease {@code token} is still running. This process is; a token
     * that never had a lease, or whose process has ended, is not. Once dead, always dead: the
     * answer is remembered.
     */
    public static boolean isAlive(int token) {
        if (token == Lease.token) {
            return true;
        }
        if (token <= 0 || token >= TOKEN_LIMIT || DEAD.contains(token)) {
            return false;
        }
        return check(token);
    }

    private static synchronized boolean check(int other) {
        Path file = fileOf(other);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            // Nobody holds it: its process has ended. Removing the file makes the next check cheap.
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // never leased, or found dead and removed before
        } catch (OverlappingFileLockException e) {
            return true; // this JVM holds it: it is our own
        } catch (IOException e) {
            return true; // cannot tell now; the caller asks again later
        }
        DEAD.add(other);
        return false;
    }

    private static Path fileOf(int token) {
        return ProgramDirectory.path().resolve("lease-" + token);
    }
}
