package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The argument file through which child JVMs get their class path ({@code java @file}): a class
 * path of any length fits, and it stays off {@code ps}. Written on first use, readable by this
 * user only, named {@code mp4j-<parent pid>-<unique>.args} in the temp directory, and deleted at
 * exit by {@link LaunchGate}'s shutdown hook once no child can still need it. Files of parents
 * that were killed and could not delete theirs are swept by the next parent, a few seconds after
 * it writes its own.
 *
 * <p>Thread-safety: every method synchronizes on the class.
 */
final class ArgumentFile {

    private static final String PREFIX = "mp4j-";
    private static final String SUFFIX = ".args";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    /** Later, not at once: the first children are starting, and the sweep would compete with them. */
    private static final long SWEEP_DELAY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static Path path;
    private static boolean deleted;

    private ArgumentFile() {}

    /**
     * The file, written on first call.
     *
     * @throws ChildClassPath.UnusableException if this JVM's classes cannot be given to a child
     * @throws IOException if the file cannot be written
     */
    static synchronized Path get() throws ChildClassPath.UnusableException, IOException {
        if (deleted) {
            throw new IOException("the argument file has been deleted: this JVM is shutting down");
        }
        if (path == null) {
            String text = text(ChildClassPath.current());
            Path file = null;
            try {
                file = createPrivateFile();
                Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                throw new IOException("multiprocessing4j cannot write the argument file for its children in "
                        + System.getProperty("java.io.tmpdir") + " (java.io.tmpdir): " + e, e);
            }
            path = file;
            Scheduler.after(SWEEP_DELAY_NANOS, new Runnable() { // not a lambda: see LaunchGate
                @Override
                public void run() {
                    sweepStaleFiles();
                }
            });
        }
        return path;
    }

    /** Deletes the file, if it was written; no child can be given it after this. */
    static synchronized void delete() {
        deleted = true;
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // best effort: a later parent sweeps what is left
            }
        }
    }

    /** The java launcher's argument-file syntax: backslashes and quotes escaped inside quotes. */
    static String text(String classPath) {
        String quoted = classPath.replace("\\", "\\\\").replace("\"", "\\\"");
        return "-cp\n\"" + quoted + "\"\n";
    }

    /**
     * Creates the file, readable by this user only. The name is made here rather than by
     * {@code Files.createTempFile}, whose random names cost a {@code SecureRandom}; creating it
     * with {@code CREATE_NEW} refuses a file or link someone else put there, and the next name is
     * tried.
     */
    private static Path createPrivateFile() throws IOException {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        String prefix = PREFIX + ProcessHandle.current().pid() + "-";
        long unique = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            Path file = tmp.resolve(prefix + Long.toHexString(unique + attempt) + SUFFIX);
            try {
                try {
                    return Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (UnsupportedOperationException e) {
                    return Files.createFile(file);
                }
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Deletes the argument files of parents that died without cleaning up (kill -9). */
    private static void sweepStaleFiles() {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, PREFIX + "*" + SUFFIX)) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().split("-");
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(entry);
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    // not one of ours
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }
}
