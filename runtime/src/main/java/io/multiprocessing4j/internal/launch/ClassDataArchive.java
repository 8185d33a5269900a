package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.ExitStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Class-data sharing for child JVMs: an archive of the classes a child loads (the runtime's, the
 * JDK's socket classes, the application's), mapped at start instead of parsed and verified again.
 * Measured here, it takes about a sixth off a child's start and join.
 *
 * <p>The JDK of this project's baseline (17) can only archive classes from jar files, so this
 * applies when every entry of the children's {@linkplain ChildClassPath class path} is a jar, as
 * in a deployed application (a build's
 * {@code target/classes} directories are left alone). The first child of a parent records the
 * archive as it exits ({@code -XX:ArchiveClassesAtExit}), which makes that one exit slower;
 * later children, in this JVM and in later runs, map it ({@code -XX:SharedArchiveFile}). The
 * archive lives in the user's cache directory ({@code $XDG_CACHE_HOME} or {@code ~/.cache},
 * under {@code multiprocessing4j/cds}), named after the JDK, the classpath and its jars' sizes
 * and dates, so a rebuilt jar gets a new one; the JVM checks the same again when it maps an
 * archive, and silently ignores one that does not fit. Set {@code -Dmultiprocessing4j.cds=false}
 * to turn it off, or give a child an {@code -Xshare} or archive option of your own.
 */
final class ClassDataArchive {

    /** The JVM's own messages about archives would land on the user's console. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";
    /** Recordings that may fail in one parent before it stops trying. */
    private static final int MAX_RECORDINGS = 2;
    /** Archives kept in the cache directory; older ones are deleted when a new one is made. */
    private static final int KEEP = 8;

    private static final Path ARCHIVE = archivePath();
    private static final AtomicBoolean RECORDING = new AtomicBoolean();
    private static final AtomicInteger RECORDINGS = new AtomicInteger();

    private ClassDataArchive() {}

    /** What one child gets: options, and, if it records the archive, what to do when it exits. */
    static final class Plan {
        static final Plan NONE = new Plan(List.of(), null);

        final List<String> options;
        private final Path recording;

        private Plan(List<String> options, Path recording) {
            this.options = options;
            this.recording = recording;
        }

        /** Keeps the archive the child recorded if it exited in an orderly way; drops it otherwise. */
        void finish(ExitStatus status) {
            if (recording == null) {
                return;
            }
            try {
                if (status != null && status.code() >= 0 && Files.size(recording) > 0) {
                    Files.move(recording, ARCHIVE, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                    forgetOldArchives();
                } else {
                    Files.deleteIfExists(recording);
                }
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(recording);
                } catch (IOException again) {
                    // a later recording tries again
                }
            } finally {
                RECORDING.set(false);
            }
        }
    }

    /**
     * The plan for a child with the user's {@code options}; one that may not record (a spare,
     * which loads none of a child's classes before it exits unused) only maps an archive.
     */
    static Plan plan(List<String> userOptions, boolean mayRecord) {
        if (ARCHIVE == null || choosesSharing(userOptions)) {
            return Plan.NONE;
        }
        if (Files.isReadable(ARCHIVE)) {
            return new Plan(List.of("-XX:SharedArchiveFile=" + ARCHIVE, QUIET), null);
        }
        if (!mayRecord || RECORDINGS.get() >= MAX_RECORDINGS || !RECORDING.compareAndSet(false, true)) {
            return Plan.NONE;
        }
        RECORDINGS.incrementAndGet();
        Path recording = ARCHIVE.resolveSibling(ARCHIVE.getFileName() + "." + ProcessHandle.current().pid()
                + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        return new Plan(List.of("-XX:ArchiveClassesAtExit=" + recording, QUIET), recording);
    }

    private static boolean choosesSharing(List<String> options) {
        for (String option : options) {
            if (option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                    || option.contains("ArchiveClassesAtExit") || option.contains("UseSharedSpaces")) {
                return true;
            }
        }
        return false;
    }

    /** Where this JDK and classpath's archive goes, or {@code null} if there can be none. */
    private static Path archivePath() {
        try {
            if (Boolean.getBoolean("multiprocessing4j.cds.disabled")
                    || "false".equals(System.getProperty("multiprocessing4j.cds"))
                    || Runtime.version().feature() < 13) {
                return null;
            }
            String classpath = ChildClassPath.current();
            if (classpath.isEmpty()) {
                return null;
            }
            long hash = fnv(0xcbf29ce484222325L, System.getProperty("java.home") + '|'
                    + System.getProperty("java.vm.version") + '|' + classpath);
            for (String entry : classpath.split(File.pathSeparator)) {
                File jar = new File(entry);
                if (!jar.isFile()) {
                    return null;
                }
                hash = fnv(hash, jar.length() + ":" + jar.lastModified());
            }
            Path directory = cacheDirectory();
            Files.createDirectories(directory);
            return Files.isWritable(directory) ? directory.resolve(Long.toHexString(hash) + ".jsa") : null;
        } catch (IOException | ChildClassPath.UnusableException | RuntimeException e) {
            return null;
        }
    }

    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("multiprocessing4j").resolve("cds");
    }

    /** FNV-1a over the text's chars: a name, not a security measure; the JVM validates the archive. */
    private static long fnv(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static void forgetOldArchives() throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ARCHIVE.getParent(), "*.jsa")) {
            entries.forEach(archives::add);
        }
        if (archives.size() <= KEEP) {
            return;
        }
        archives.sort(Comparator.comparingLong(ClassDataArchive::lastModified).reversed());
        for (Path old : archives.subList(KEEP, archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long lastModified(Path file) {
        return file.toFile().lastModified();
    }
}
