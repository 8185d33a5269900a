package io.multiprocessing4j.internal.shm;

import io.multiprocessing4j.internal.wire.Handshake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The directory that holds a program's shared segments. A program is a root JVM (one that
 * multiprocessing4j did not start) and every child it starts, however deep: all of them use one
 * directory, so a segment created by any of them outlives the process that created it and stays
 * valid for the rest of the program, and it is removed when the program ends.
 *
 * <p><b>Where.</b> {@code /dev/shm} when it is a writable directory (memory, not disk), otherwise
 * the JDK's temp directory; {@code -Dmultiprocessing4j.shmDir=...} chooses another. Inside it, the
 * program's directory is named {@code mp4j-<root pid>-<root start time>-<random>} and is readable
 * by this user only. The random part makes the name unguessable; a directory of that name that
 * already exists is used only if it is this user's own, private directory.
 *
 * <p><b>Who knows it.</b> The root computes the name; a child learns it, and where it is, from
 * the system properties its parent puts on its command line ({@link #childOptions()}), and passes
 * them on to its own children. Nothing is created until the first segment is: a program that shares nothing touches
 * no file.
 *
 * <p><b>Nothing left behind.</b> The root deletes the directory when its JVM exits: at once if it
 * created the directory itself, and again, whoever created it, once the children it ends at exit
 * are gone ({@link #deleteAfterChildren()}), since a child may create the directory without the
 * root ever touching it (a pool's workers keep their results logs there). When a root
 * is killed ({@code kill -9}), its children notice and exit, and the next program that creates its
 * own directory deletes every {@code mp4j-} directory of this user whose root process (pid and
 * start time) is gone.
 *
 * <p>Thread-safe: the directory is created once, under this class's lock.
 */
public final class ProgramDirectory {

    /** The system property that tells a child the id of its program. */
    public static final String PROPERTY = "multiprocessing4j.program";
    /** The system property that chooses where program directories are made. */
    public static final String BASE_PROPERTY = "multiprocessing4j.shmDir";

    private static final String PREFIX = "mp4j-";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private static final String ID = computeId();
    private static final boolean ROOT = System.getProperty(PROPERTY) == null;

    private static Path created;

    private ProgramDirectory() {}

    /** The program's id, to pass to a child as {@code -D}{@value #PROPERTY}{@code =<id>}. */
    public static String id() {
        return ID;
    }

    /**
     * The options that make a child part of this program: where program directories are (this
     * JVM's choice, so that a parent started with {@code -D}{@value #BASE_PROPERTY} and its children
     * agree) and the program's id, last. They go after the user's options, so that they win.
     */
    public static List<String> childOptions() {
        return List.of("-D" + BASE_PROPERTY + "=" + base().toAbsolutePath(), "-D" + PROPERTY + "=" + ID);
    }

    /** Whether this JVM is the program's root, the one that deletes the directory at exit. */
    public static boolean isRoot() {
        return ROOT;
    }

    /**
     * The program's directory, created on first call.
     *
     * @throws UncheckedIOException if it cannot be created, or a directory of its name exists that
     *     is not this user's private directory
     */
    public static synchronized Path path() {
        if (created == null) {
            Path base = base();
            Path directory = base.resolve(PREFIX + ID);
            create(directory);
            if (ROOT) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory),
                        "multiprocessing4j-shm-cleanup"));
                sweepDeadPrograms(base);
            }
            created = directory;
        }
        return created;
    }

    /**
     * In the root, deletes the program's directory, whoever created it; elsewhere, nothing. Called
     * by the root's exit hook once the children it ends at exit have exited (or its grace for them
     * has run out), so that no child makes a file in the directory after it is gone; what a child
     * that outlives the grace still makes, the next program's sweep removes.
     */
    public static void deleteAfterChildren() {
        if (ROOT) {
            deleteTree(location());
        }
    }

    /**
     * Where the program's directory is, whether or not it has been created yet: for a reader that
     * only looks for a file some other process of the program may have made, and must not create
     * the directory to find that it is not there.
     */
    public static Path location() {
        return base().resolve(PREFIX + ID);
    }

    /** Whether {@code name} has the form of a program id, so that it names nothing outside the base. */
    static boolean isWellFormedId(String name) {
        return name.matches("[0-9]{1,10}-[0-9]{1,19}-[0-9a-f]{16}");
    }

    private static String computeId() {
        String inherited = System.getProperty(PROPERTY);
        if (inherited != null) {
            if (!isWellFormedId(inherited)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + inherited + " is not a program id;"
                        + " this property is set by multiprocessing4j for its children, never by hand");
            }
            return inherited;
        }
        ProcessHandle self = ProcessHandle.current();
        // Not a SecureRandom: its provider framework costs a cold JVM some 15 ms, on the way to
        // the program's first child; this reads the same /dev/urandom (see Handshake).
        byte[] random = Arrays.copyOf(Handshake.newSecret(), 8);
        StringBuilder hex = new StringBuilder(16);
        for (byte b : random) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return self.pid() + "-" + startMillis(self).orElse(0L) + "-" + hex;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        Optional<Instant> start = process.info().startInstant(); // no lambda on the way to the first child
        return start.isPresent() ? Optional.of(start.get().toEpochMilli()) : Optional.empty();
    }

    static Path base() {
        String chosen = System.getProperty(BASE_PROPERTY);
        if (chosen != null) {
            return Paths.get(chosen);
        }
        Path shm = Paths.get("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    private static void create(Path directory) {
        try {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                return;
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(directory);
                return;
            } catch (FileAlreadyExistsException e) {
                // another process of this program made it first, or someone planted it: check below
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) || !isPrivate(directory)) {
                throw new IOException(directory + " exists but is not this user's private directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("multiprocessing4j cannot create its shared-memory directory "
                    + directory + ": " + e.getMessage() + "; choose another place with -D" + BASE_PROPERTY
                    + "=<directory>", e);
        }
    }

    private static boolean isPrivate(Path directory) throws IOException {
        try {
            UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            return Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).equals(me)
                    && Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }

    /** Deletes the program directories of this user whose root process has ended. Best effort. */
    static void sweepDeadPrograms(Path base) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                String id = entry.getFileName().toString().substring(PREFIX.length());
                if (isWellFormedId(id) && !id.equals(ID) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && Files.isWritable(entry) && !isRunning(id)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the next program tries again
        }
    }

    /** Whether the root process of program {@code id} is still running (pid and start time match). */
    static boolean isRunning(String id) {
        String[] parts = id.split("-");
        long pid = Long.parseLong(parts[0]);
        long start = Long.parseLong(parts[1]);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Long> started = startMillis(process.get());
        return started.isEmpty() || start == 0 || started.get() == start;
    }

    /** Deletes a program directory and the segments in it (segments hold no directories). */
    static void deleteTree(Path directory) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException | RuntimeException e) {
            // deleted meanwhile, or not ours to list
        }
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a segment was created meanwhile; the next program sweeps it
        }
    }
}
