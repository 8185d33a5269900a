package io.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A block of memory shared by the processes of one program: a file in the
 * {@linkplain ProgramDirectory program's directory}, mapped into each process that opens it. Any
 * process of the program creates segments; any other opens one by its {@linkplain #name() name},
 * which is what travels between processes. The bytes start zeroed.
 *
 * <p>A segment belongs to the program, not to the process that created it: it stays valid after
 * that process exits, and goes when the program's directory does. A mapping stays valid in every
 * process that holds it even after the file is {@linkplain #delete() deleted}; the memory returns
 * to the system when the last mapping is dropped (the JDK unmaps a buffer when it is collected).
 *
 * <p>Cost: creating one is a file open, a write of its size in zeros, which reserves its memory so
 * that a full file system is an exception at creation rather than a fault at a later write (a
 * 4 KB object: about 8 µs more than without, measured on the project's loaded machine; 256 MB:
 * 55 to 80 ms more at creation, the time to allocate and zero it, which its first writes would
 * otherwise spend),
 * and an {@code mmap}; opening one is a file open and an {@code mmap} (the first in a process
 * also creates the program's directory: 70 to 190 ms in a cold JVM on the project's loaded
 * machine, most of it class loading; later ones well under a millisecond);
 * the memory is that of a tmpfs file, counted once however many processes map it. Access is a
 * plain memory access; cross-process atomics go through {@code VarHandle}s on {@link #buffer()}.
 *
 * <p>One mapping per name and process: opening a name this process has mapped already (it created
 * the segment, or a handle to it arrived before) returns the same instance while it is reachable,
 * so a pool task that receives the same shared lock a million times maps it once, not a million
 * times (a process may hold only about 65,000 mappings).
 *
 * <p>Thread-safe: the buffer's position and limit are never used by this class; callers use
 * absolute access (and each should take its own {@code duplicate()} if it needs a position).
 */
public final class Segment {

    /** A name has a kind, the creating pid and a counter, all in lower-case hex after the kind. */
    private static final Pattern NAME = Pattern.compile("[a-z]{1,16}-[0-9a-f]{1,16}-[0-9a-f]{1,16}");
    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String SELF = Long.toHexString(ProcessHandle.current().pid());
    /** The segments this process has mapped, by name; an entry goes when its segment is collected. */
    private static final ConcurrentHashMap<String, WeakReference<Segment>> MAPPED = new ConcurrentHashMap<>();

    private final String name;
    private final Path file;
    private final MappedByteBuffer buffer;
    /** The native address of the mapping, for {@link Futex}; 0 until it first asks. */
    volatile long address;
    /** What this process keeps beside the shared bytes, by offset (see {@link #local}). */
    private final ConcurrentHashMap<Integer, Object> locals = new ConcurrentHashMap<>();

    private Segment(String name, Path file, MappedByteBuffer buffer) {
        this.name = name;
        this.file = file;
        this.buffer = buffer;
        buffer.order(ByteOrder.nativeOrder());
    }

    /**
     * Creates a zeroed segment of {@code bytes} bytes.
     *
     * @param kind a short lower-case word saying what the segment holds, part of its name
     * @throws IllegalArgumentException if {@code kind} is not 1 to 16 lower-case letters, or
     *     {@code bytes} is not positive
     * @throws UncheckedIOException if the file cannot be created or mapped (say, no space left in
     *     the program's directory); the message names the file and what to do
     */
    public static Segment create(String kind, int bytes) {
        if (!kind.matches("[a-z]{1,16}")) {
            throw new IllegalArgumentException("a segment kind is 1 to 16 lower-case letters, not '" + kind + "'");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("a segment needs a positive size, not " + bytes);
        }
        String name = kind + "-" + SELF + "-" + Long.toHexString(COUNTER.incrementAndGet());
        Path file = ProgramDirectory.path().resolve(name);
        try (FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), privateFile())) {
            reserve(channel, bytes);
            return remember(new Segment(name, file, channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes)));
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("shared segment " + file + " exists already: another program with"
                    + " this program's id is running, which multiprocessing4j never does by itself", e);
        } catch (IOException e) {
            deleteQuietly(file);
            throw cannotReserve(bytes, file, e);
        }
    }

    /** Zeros, written to reserve a new file's memory; never changed, only read by writes. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

    /**
     * Writes zeros over the first {@code bytes} bytes of a new, empty file, so that the file
     * system allocates its memory now. A mapping only reserves address space: on a tmpfs
     * ({@code /dev/shm}) the pages are allocated when first touched, and a touch that finds the
     * file system full is a {@code SIGBUS}, which the JVM reports as an {@code InternalError} at
     * some later write, or as a crash when it comes inside an atomic operation. A write reports
     * the same shortage as an {@code IOException} ({@code No space left on device}) here, where it
     * can be explained. It costs what zeroing the memory costs (the pages are allocated either
     * way; see the class comment for figures).
     */
    private static void reserve(FileChannel channel, long bytes) throws IOException {
        reserve(channel, 0, bytes);
    }

    /** As {@link #reserve(FileChannel, long)}, for the bytes from {@code from} to {@code to} of a file that grows. */
    static void reserve(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer zeros = ZEROS.duplicate();
        long position = from;
        long bytes = to;
        while (position < bytes) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - position));
            position += channel.write(zeros, position);
        }
    }

    private static UncheckedIOException cannotReserve(long bytes, Path file, IOException e) {
        Path directory = file.getParent();
        String space = "";
        try {
            java.nio.file.FileStore store = Files.getFileStore(directory);
            space = " (" + store.getUsableSpace() + " bytes free of " + store.getTotalSpace() + ")";
        } catch (IOException | RuntimeException again) {
            // the figures are a courtesy
        }
        return new UncheckedIOException("multiprocessing4j cannot create a shared segment of " + bytes
                + " bytes in " + directory + space + ": " + e.getMessage() + ". Free space there (shared objects"
                + " take their memory until the program ends; a container's /dev/shm is often small: docker"
                + " run --shm-size=...), or choose another place with -D" + ProgramDirectory.BASE_PROPERTY
                + "=<directory>", e);
    }

    /**
     * Opens a segment that a process of this program created, as named by {@link #name()}.
     *
     * @param minimumBytes the size the caller expects at least; a smaller file is refused
     * @throws IllegalArgumentException if {@code name} is not a segment name, or names no segment of
     *     this program (it was deleted, it belongs to a program that has ended, or it was forged),
     *     or the segment is smaller than {@code minimumBytes}
     * @throws UncheckedIOException if it exists but cannot be mapped
     */
    public static Segment open(String name, int minimumBytes) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not the name of a shared segment");
        }
        Segment known = mapped(name);
        if (known != null) {
            checkSize(name, known.size(), minimumBytes);
            return known;
        }
        Path file = ProgramDirectory.path().resolve(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            checkSize(name, size, minimumBytes);
            return remember(new Segment(name, file, channel.map(FileChannel.MapMode.READ_WRITE, 0, size)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("shared segment " + name + " does not exist in this program: it"
                    + " was deleted, or it belongs to a program that has ended", e);
        } catch (IOException e) {
            throw new UncheckedIOException("multiprocessing4j cannot open shared segment " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Opens the segment of a fixed, well-known name, creating it (zeroed, its memory reserved) if
     * no process of the program has yet. For program-wide tables that every process finds without
     * being told, such as {@link Lease}'s counter. Processes that race to create it all map the
     * same file: each fills a file of its own and links it under the name, which only the first
     * link gets, so the name never shows a file whose memory is not reserved yet.
     *
     * @throws UncheckedIOException if it can be neither created nor opened (say, no space left in
     *     the program's directory); the message names the directory and what to do
     */
    static Segment openOrCreate(String name, int bytes) {
        Segment known = mapped(name);
        if (known != null) {
            return known;
        }
        Path file = ProgramDirectory.path().resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Path draft = file.resolveSibling(name + "." + SELF + "-" + Long.toHexString(COUNTER.incrementAndGet()));
            try {
                try (FileChannel channel = FileChannel.open(draft, EnumSet.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), privateFile())) {
                    reserve(channel, bytes);
                }
                try {
                    Files.createLink(file, draft);
                } catch (UnsupportedOperationException e) {
                    Files.move(draft, file); // no hard links here: a race can replace a winner's file, rarely
                }
            } catch (FileAlreadyExistsException e) {
                // another process linked its file first: that one is the table
            } catch (IOException e) {
                throw cannotReserve(bytes, file, e);
            } finally {
                deleteQuietly(draft);
            }
        }
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS))) {
            checkSize(name, channel.size(), bytes);
            return remember(new Segment(name, file, channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("multiprocessing4j cannot open " + file + ": " + e.getMessage()
                    + "; choose another place with -D" + ProgramDirectory.BASE_PROPERTY + "=<directory>", e);
        }
    }

    private static void checkSize(String name, long size, int minimumBytes) {
        if (size < minimumBytes || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shared segment " + name + " has " + size
                    + " bytes, not the " + minimumBytes + " expected: it is not what its handle says");
        }
    }

    private static Segment mapped(String name) {
        WeakReference<Segment> ref = MAPPED.get(name);
        return ref == null ? null : ref.get();
    }

    /**
     * Makes {@code segment} the one instance of its name in this process, unless another thread
     * mapped the name first: then that one is returned, so that every view of an object in this
     * process shares one segment and its {@link #local} state.
     */
    private static Segment remember(Segment segment) {
        if (MAPPED.size() >= 1024) {
            MAPPED.values().removeIf(ref -> ref.get() == null);
        }
        Segment[] winner = new Segment[1];
        MAPPED.compute(segment.name, (name, known) -> {
            Segment existing = known == null ? null : known.get();
            winner[0] = existing != null ? existing : segment;
            return existing != null ? known : new WeakReference<>(segment);
        });
        return winner[0];
    }

    /**
     * State that this process keeps about the object at {@code offset}, beside the shared bytes:
     * made by {@code make} on first use, then the same instance for every view of the object in
     * this process. For what only this process needs to know, such as which of its threads owns a
     * lock; it lives as long as the segment is mapped here.
     */
    public Object local(int offset, java.util.function.Supplier<?> make) {
        return locals.computeIfAbsent(offset, key -> make.get());
    }

    /** The name by which other processes of the program {@linkplain #open open} this segment. */
    public String name() {
        return name;
    }

    /** The segment's size in bytes. */
    public int size() {
        return buffer.capacity();
    }

    /** The mapped bytes, in the platform's byte order; shared by every user of this instance. */
    public MappedByteBuffer buffer() {
        return buffer;
    }

    /**
     * Removes the segment's file, so that no process can open it any more; existing mappings,
     * this one included, stay valid. Idempotent.
     */
    public void delete() {
        MAPPED.computeIfPresent(name, (key, ref) -> ref.get() == this ? null : ref);
        deleteQuietly(file);
    }

    /**
     * Removes the file of the segment {@code name} if it exists, whether or not this process has
     * mapped it: for a segment whose name a process found in shared memory and knows to be
     * unused, such as a ring that a process died before switching to. Mappings stay valid.
     *
     * @throws IllegalArgumentException if {@code name} is not the name of a segment
     */
    public static void delete(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not the name of a shared segment");
        }
        MAPPED.remove(name);
        deleteQuietly(ProgramDirectory.path().resolve(name));
    }

    private static FileAttribute<?>[] privateFile() {
        if (!ProgramDirectory.path().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)};
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the program's directory goes at exit, with whatever is left in it
        }
    }

    @Override
    public String toString() {
        return "segment " + name + " (" + size() + " bytes)";
    }
}
