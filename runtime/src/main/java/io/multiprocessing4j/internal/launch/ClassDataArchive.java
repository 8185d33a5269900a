package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.Scheduler;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Class-data sharing for child JVMs: an archive of the classes a child loads (the runtime's, the
 * JDK's socket classes, the application's), mapped at start instead of parsed and verified again.
 * Measured here, it takes about a sixth off a child's start and join on JDK 17.
 *
 * <p>The archive is the best the running JDK offers:
 *
 * <ul>
 *   <li>JDK 13 to 24: a dynamic CDS archive. The first child of a parent records it as it exits
 *       ({@code -XX:ArchiveClassesAtExit}), which makes that one exit slower; later children map
 *       it ({@code -XX:SharedArchiveFile}).
 *   <li>JDK 25 and later: an AOT cache (JEP 483, with JEP 515's method profiles), which also
 *       holds the classes loaded and linked, and profiles of what ran. The first child records
 *       its AOT configuration as it exits ({@code -XX:AOTMode=record}); the
 *       {@linkplain AotCacheAssembler assembler}, a JVM of its own started when that child has
 *       exited, then makes the cache of it in the background ({@code -XX:AOTMode=create}, a
 *       second or two of one core, once per class path and JDK), and children launched after
 *       that map it ({@code -XX:AOTCache}). An AOT cache cannot be combined with
 *       {@code -Xshare}, so those children do without {@code -Xshare:auto}, which is the JVM's
 *       default anyway. (JDK 24 has the AOT cache too, but not the profiles nor the {@code aot}
 *       log tag this relies on to keep the JVM quiet: it uses the CDS archive.)
 * </ul>
 *
 * <p>Recording costs the recording child's exit about a second on JDK 25 (the JVM writes what it
 * recorded; measured with {@code strace} in a pool of two on this 2-core machine: the recording
 * worker exited 0.95 s after the other, and had connected 0.14 s later), and a parent waits for
 * that exit ({@code join}, a pool's {@code close}), so it is paid once per class path
 * and JDK, not once per program: at most one child of a parent records at a time, none records
 * while another program records or assembles the same archive, and the assembly is not tied to
 * the parent's life. A short program, whose end comes before the assembly's, would otherwise
 * leave no cache and every run of it would record again. So the assembler is the one process of
 * the runtime allowed to outlive its program: it runs no application code, only the JDK's
 * assembly, for at most {@value #ASSEMBLY_TIMEOUT_SECONDS} s; it writes the cache under a
 * temporary name and renames it into place only once it is complete, so no JVM ever maps a
 * half-written one (and the JVM checks a cache before it maps it anyway); and it deletes its
 * temporary files however it ends, a {@code SIGTERM}, {@code SIGINT} or {@code SIGHUP} included.
 * A child that records ({@code ChildProcess} or pool worker) still never outlives its parent.
 * What a {@code kill -9} leaves (a recording, an assembly's files) carries its owner's pid in its
 * name, and the next parent deletes it once that owner is dead ({@link ArchiveFiles}).
 *
 * <p>On JDK 13 to 24 the child writes the archive itself as it exits, and its parent moves it into
 * place before {@code join} or a pool's {@code close} return, so a short program keeps it too.
 *
 * <p>Either applies when every entry of the children's {@linkplain ChildClassPath class path}
 * is a jar, as in a deployed application (a build's {@code target/classes} directories are left
 * alone: the JVM archives classes from jars only). The archive lives in the user's cache
 * directory ({@code $XDG_CACHE_HOME} or {@code ~/.cache}, under {@code multiprocessing4j/cds}),
 * named after the JDK, the classpath and its jars' sizes and dates, so a rebuilt jar gets a new
 * one; the JVM checks the same again when it maps an archive, and silently ignores one that does
 * not fit, a truncated or corrupt one included: a child then starts as it would without. A
 * cache directory that cannot be written means no archive. Set
 * {@code -Dmultiprocessing4j.cds=false} to turn it off, or give a child an {@code -Xshare}, CDS
 * or AOT option of your own.
 */
final class ClassDataArchive {

    /** The JDK's kinds of archive. */
    private enum Kind {
        /** JDK 13 to 24: a dynamic CDS archive, recorded at a child's exit. */
        DYNAMIC(".jsa", List.of("-Xlog:cds=off,cds+dynamic=off")),
        /** JDK 25 on: an AOT cache, assembled from a configuration recorded at a child's exit. */
        AOT(".aot", List.of("-Xlog:aot=off,cds=off"));

        final String suffix;
        /** The JVM's own messages about archives would land on the user's console. */
        final List<String> quiet;

        Kind(String suffix, List<String> quiet) {
            this.suffix = suffix;
            this.quiet = quiet;
        }
    }

    /** Recordings that may fail in one parent before it stops trying. */
    private static final int MAX_RECORDINGS = 2;
    /** The JVM's default, kept for children that map no AOT cache (which refuses any -Xshare). */
    private static final String SHARE_AUTO = "-Xshare:auto";
    /**
     * A recording JVM prints {@code AOTConfiguration recorded: <file>} on its standard output as
     * it exits, which is the user's console; this keeps the JVM's own output (not the
     * application's, nor a crash report) off it, for that one child.
     */
    private static final List<String> SILENT_VM = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput");
    /** How long the assembly of an AOT cache may take before it is given up. */
    private static final long ASSEMBLY_TIMEOUT_SECONDS = 120;
    /**
     * The assembler's own JVM does little (starts one process, waits, renames a file): it is
     * kept small and quick to start.
     */
    private static final List<String> ASSEMBLER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx64m", "-XX:-UsePerfData", "-Xshare:auto");

    private static final Kind KIND = Runtime.version().feature() >= 25 ? Kind.AOT : Kind.DYNAMIC;
    /**
     * The archive's name without its size, checksum and suffix (see {@link #keep}), or
     * {@code null} if there can be none.
     */
    private static final Path ARCHIVE = archivePath();
    /** The archive found whole, once one has been; read by any launching thread. */
    private static volatile Path usable;
    /** Set while a child of this parent records, and then while its recording is assembled. */
    private static final AtomicBoolean RECORDING = new AtomicBoolean();
    private static final AtomicInteger RECORDINGS = new AtomicInteger();
    private static final AtomicBoolean SWEEP_SCHEDULED = new AtomicBoolean();

    private ClassDataArchive() {}

    /** What one child gets: options, and, if it records the archive, what to do when it exits. */
    static final class Plan {
        static final Plan NONE = new Plan(List.of(SHARE_AUTO), null, List.of());

        final List<String> options;
        private final Path recording;
        private final List<String> userOptions;

        private Plan(List<String> options, Path recording, List<String> userOptions) {
            this.options = options;
            this.recording = recording;
            this.userOptions = userOptions;
        }

        /**
         * Keeps what the child recorded if it exited in an orderly way (an AOT configuration is
         * handed to the {@linkplain AotCacheAssembler assembler}, which makes a cache of it in the
         * background); drops it otherwise.
         */
        void finish(ExitStatus status) {
            if (recording == null) {
                return;
            }
            boolean assembling = false;
            try {
                if (status != null && status.code() >= 0 && Files.size(recording) > 0) {
                    if (KIND == Kind.AOT) {
                        assembling = assemble(recording, userOptions);
                    } else {
                        keep(recording);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // dropped below; a later recording tries again
            } finally {
                if (!assembling) {
                    ArchiveFiles.deleteQuietly(recording);
                    RECORDING.set(false);
                }
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
        if (SWEEP_SCHEDULED.compareAndSet(false, true)) {
            // On the timer thread, beside the first launch: a listing of a few files; a short
            // program must get to it too, or what a killed program left would stay for good.
            Scheduler.after(0, new Runnable() { // not a lambda: see LaunchGate
                @Override
                public void run() {
                    ArchiveFiles.sweep(ARCHIVE.getParent());
                }
            });
        }
        Path archive = usableArchive();
        if (archive != null) {
            List<String> options = new ArrayList<>(KIND.quiet);
            if (KIND == Kind.AOT) {
                options.add("-XX:AOTCache=" + archive);
            } else {
                options.add(SHARE_AUTO);
                options.add("-XX:SharedArchiveFile=" + archive);
            }
            return new Plan(options, null, userOptions);
        }
        if (!mayRecord || RECORDINGS.get() >= MAX_RECORDINGS || !RECORDING.compareAndSet(false, true)) {
            return Plan.NONE;
        }
        if (ArchiveFiles.othersAtWork(ARCHIVE)) {
            // another program records or assembles this archive now: one recording is enough
            RECORDING.set(false);
            return Plan.NONE;
        }
        RECORDINGS.incrementAndGet();
        Path recording = ArchiveFiles.temporary(ARCHIVE, KIND == Kind.AOT ? ".aotconf" : "");
        List<String> options = new ArrayList<>(KIND.quiet);
        if (KIND == Kind.AOT) {
            options.add("-XX:AOTMode=record");
            options.add("-XX:AOTConfiguration=" + recording);
            options.addAll(SILENT_VM);
        } else {
            options.add(SHARE_AUTO);
            options.add("-XX:ArchiveClassesAtExit=" + recording);
        }
        return new Plan(options, recording, userOptions);
    }

    /**
     * Starts the {@linkplain AotCacheAssembler assembler}, a JVM of its own that outlives this
     * one if it must, and hands it {@code configuration} and a copy of the class path: it owns
     * them from then on. When it has exited, while this JVM still runs, this parent may record
     * again if no cache came of it.
     *
     * @return whether it was started
     */
    private static boolean assemble(Path configuration, List<String> userOptions) {
        Path arguments = ArchiveFiles.temporary(ARCHIVE, ".args");
        List<String> command = new ArrayList<>();
        command.add(JvmCommand.javaExecutable());
        command.add("@" + arguments);
        command.addAll(ASSEMBLER_OPTIONS);
        command.add(AotCacheAssembler.class.getName());
        command.add(ARCHIVE.toString());
        command.add(configuration.toString());
        command.add(arguments.toString());
        command.add(Long.toString(ASSEMBLY_TIMEOUT_SECONDS));
        command.addAll(Kind.AOT.quiet);
        command.addAll(userOptions);
        Process assembler = null;
        try {
            Files.write(arguments, ArgumentFile.text(ChildClassPath.current()).getBytes(StandardCharsets.UTF_8));
            assembler = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assembler.getOutputStream().close();
        } catch (IOException | ChildClassPath.UnusableException | RuntimeException e) {
            if (assembler == null) {
                ArchiveFiles.deleteQuietly(arguments);
                return false;
            }
        }
        assembler.onExit().thenRun(new Runnable() {
            @Override
            public void run() {
                RECORDING.set(false);
            }
        });
        return true;
    }

    /**
     * Moves a new archive into place, under a name that says its size and CRC-32, so that a
     * parent can tell a whole archive from a truncated or damaged one before a child maps it: a
     * JDK 17 child that maps a truncated CDS archive dies of {@code SIGBUS} as it starts (seen
     * here), where one that finds no archive only starts a little slower.
     */
    private static void keep(Path recorded) throws IOException {
        usable = ArchiveFiles.publish(recorded, ARCHIVE, KIND.suffix);
    }

    /**
     * The archive of this class path and JDK, if there is a whole one: its size and checksum are
     * those its name says. Checked once per parent (a CRC-32 of a CDS archive's few hundred
     * kilobytes: a millisecond); one that is not whole is deleted, and the next child records
     * another.
     */
    private static Path usableArchive() {
        Path known = usable;
        if (known != null && Files.isReadable(known)) {
            return known;
        }
        usable = null;
        String prefix = ARCHIVE.getFileName() + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ARCHIVE.getParent(), prefix + "*" + KIND.suffix)) {
            for (Path candidate : entries) {
                if (isWhole(candidate, prefix)) {
                    usable = candidate;
                    return candidate;
                }
                ArchiveFiles.deleteQuietly(candidate);
            }
        } catch (IOException | RuntimeException e) {
            // no archive then
        }
        return null;
    }

    private static boolean isWhole(Path archive, String prefix) {
        String name = archive.getFileName().toString();
        String[] sizeAndCrc = name.substring(prefix.length(), name.length() - KIND.suffix.length()).split("\\.");
        try {
            // JDK 25 rejects a damaged AOT cache by itself (tried: truncated, garbage) and its
            // cache is ten times a CDS archive's size: its size is checked, not its checksum.
            return sizeAndCrc.length == 2 && Files.size(archive) == Long.parseLong(sizeAndCrc[0])
                    && (KIND == Kind.AOT || ArchiveFiles.crc(archive) == Long.parseLong(sizeAndCrc[1], 16));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean choosesSharing(List<String> options) {
        for (String option : options) {
            if (option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                    || option.contains("ArchiveClassesAtExit") || option.contains("UseSharedSpaces")
                    || option.startsWith("-XX:AOT")) {
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
            return Files.isWritable(directory) ? directory.resolve(Long.toHexString(hash)) : null;
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
}
