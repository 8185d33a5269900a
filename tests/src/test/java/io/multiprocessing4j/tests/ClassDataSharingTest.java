package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children of an application deployed as jars share an archive of their classes (a CDS archive
 * before JDK 25, an AOT cache from 25 on): the first child records it as it exits, later ones, in
 * the same run and in later runs, map it. The archive goes to the user's cache directory and
 * leaves no temporary file behind; a corrupt one is ignored, without a word on the console. A
 * manager's server records it too, as a closing manager has it exit in an orderly way.
 */
class ClassDataSharingTest {

    private static final boolean AOT = Runtime.version().feature() >= 25;
    private static final String SUFFIX = AOT ? ".aot" : ".jsa";
    private static final long SETTLE_SECONDS = 120;

    @Test
    @Timeout(120)
    @EnabledOnOs(OS.LINUX)
    void childrenOfAJarApplicationRecordAndThenMapAnArchive(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String classpath = jarClasspath(dir);
        try {
            recordThenMap(classpath, cache);
        } finally {
            stopAssemblers(cache);
        }
    }

    private static void recordThenMap(String classpath, Path cache) throws Exception {
        assertEquals("0 0 0 mapped=true", runParent(classpath, cache),
                "children run while the first records the archive, and the last maps it");
        List<Path> archives = onlyAnArchive(cache);
        long recorded = Files.getLastModifiedTime(archives.get(0)).toMillis();

        assertEquals("0 0 0 mapped=true", runParent(classpath, cache), "children run with the archive mapped");
        assertEquals(archives, files(cache), "a second run maps the archive and records no other");
        assertEquals(recorded, Files.getLastModifiedTime(archives.get(0)).toMillis());

        // A truncated archive, then one of garbage, under the archive's name: children start as without.
        Path archive = archives.get(0);
        byte[] whole = Files.readAllBytes(archive);
        Files.delete(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 3));
        assertEquals("0 0 0 mapped=", runParent(classpath, cache).replaceFirst("mapped=(true|false)", "mapped="),
                "children of a truncated archive run, and nothing else is printed");
        byte[] garbage = new byte[whole.length];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(archive, garbage);
        assertEquals("0 0 0 mapped=", runParent(classpath, cache).replaceFirst("mapped=(true|false)", "mapped="),
                "children of an archive of garbage run, and nothing else is printed");
    }

    /**
     * A short program, which ends as soon as its one child has, leaves an archive for its next
     * run. On JDK 25 the AOT cache is assembled after the program has ended, by a JVM that
     * outlives it for that and then leaves no temporary file (before, the program's exit killed
     * the assembly, and every run paid for a recording again); on JDK 17 the child records the
     * archive before its parent can end.
     */
    @Test
    @Timeout(300)
    @EnabledOnOs(OS.LINUX)
    void aShortProgramLeavesAnArchiveForItsNextRun(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String classpath = jarClasspath(dir);
        try {
            assertEquals("0 mapped=false", runParent(classpath, cache, "short"), "the first run records");
            awaitNoAssembler(cache);
            List<Path> archives = onlyAnArchive(cache);

            assertEquals("0 mapped=true", runParent(classpath, cache, "short"), "the next run maps it");
            awaitNoAssembler(cache);
            assertEquals(archives, files(cache), "and records no other");
        } finally {
            stopAssemblers(cache);
        }
    }

    /**
     * No temporary file is left behind: an assembly stopped by a signal deletes its own (JDK 25:
     * the assembling JVM gets SIGTERM while it works), and those of a program that was killed
     * before it could delete them (their owner's pid is dead) are swept by the next program,
     * while those of a live one are left to it.
     */
    @Test
    @Timeout(300)
    @EnabledOnOs(OS.LINUX)
    void interruptedWorkLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path archives = Files.createDirectories(cache.resolve("multiprocessing4j").resolve("cds"));
        String classpath = jarClasspath(dir);
        Process gone = new ProcessBuilder(java(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path stale = Files.write(archives.resolve("0123abcd." + gone.pid() + ".1f.aotconf.tmp"), new byte[10]);
        Path live = Files.write(archives.resolve("0123abcd." + ProcessHandle.current().pid() + ".1f.aotconf.tmp"),
                new byte[10]);
        try {
            assertEquals("0 mapped=false", runParent(classpath, cache, "short"));
            if (AOT) {
                ProcessHandle assembler = awaitAssemblyUnderWay(cache, archives);
                assembler.destroy();
                assembler.onExit().get(60, TimeUnit.SECONDS);
                awaitNoAssembler(cache);
                assertEquals(List.of(), files(cache).stream().filter(f -> f.toString().endsWith(SUFFIX))
                        .collect(Collectors.toList()), "the assembly was stopped before it made a cache");
            }
            assertFalse(Files.exists(stale), "a temporary file of a dead program is swept");
            assertEquals(List.of(live), files(cache).stream().filter(f -> f.toString().endsWith(".tmp"))
                    .collect(Collectors.toList()), "no temporary file is left but that of a live program");
        } finally {
            stopAssemblers(cache);
        }
    }

    /**
     * The assembler of a cache in {@code cache}, once it has taken over its files (they carry its
     * pid) and started the JDK's assembly.
     */
    private static ProcessHandle awaitAssemblyUnderWay(Path cache, Path archives) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (System.nanoTime() - deadline < 0) {
            for (ProcessHandle assembler : processesOf(cache, "AotCacheAssembler")) {
                boolean adopted;
                try (Stream<Path> files = Files.list(archives)) {
                    adopted = files.anyMatch(f -> f.getFileName().toString().contains("." + assembler.pid() + "."));
                }
                if (adopted && !processesOf(cache, "-XX:AOTMode=create").isEmpty()) {
                    return assembler;
                }
            }
            Thread.sleep(5); // polling for a process and files: nothing else tells the test
        }
        throw new AssertionError("no assembly of an AOT cache seen within " + SETTLE_SECONDS + " s; files: "
                + files(cache));
    }

    /** Waits until no process works in {@code cache} any more: an assembly outlives its program. */
    private static void awaitNoAssembler(Path cache) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (!processesOf(cache, "").isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still at work in " + cache + " after " + SETTLE_SECONDS + " s");
            }
            Thread.sleep(20); // polling for processes: they are not this JVM's children
        }
    }

    private static void stopAssemblers(Path cache) throws Exception {
        for (ProcessHandle process : processesOf(cache, "")) {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** The live processes whose command line names {@code cache} and contains {@code word}. */
    private static List<ProcessHandle> processesOf(Path cache, String word) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains(cache.toString()) && line.contains(word)).orElse(false))
                .collect(Collectors.toList());
    }

    /**
     * A manager's server that is a program's first child records the archive: its manager's
     * close asks it to exit in an orderly way, and an archive recorded by a JVM stopped with a
     * signal would be thrown away.
     */
    @Test
    @Timeout(300)
    @EnabledOnOs(OS.LINUX)
    void aManagersServerThatIsTheFirstChildRecordsTheArchive(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String classpath = jarClasspath(dir);
        try {
            assertEquals("archive=true", runParent(classpath, cache, "manager"),
                    "the server, closed with its manager, kept what it recorded");
            awaitNoAssembler(cache);
            onlyAnArchive(cache);
        } finally {
            stopAssemblers(cache);
        }
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Asserts that {@code cache} holds one archive of this JDK's kind and nothing else; returns it as a list. */
    private static List<Path> onlyAnArchive(Path cache) throws IOException {
        List<Path> archives = files(cache);
        assertEquals(1, archives.size(), "one archive and nothing else in " + cache + ": " + archives);
        assertTrue(archives.get(0).toString().endsWith(SUFFIX), archives.toString());
        return archives;
    }

    /** Each classpath directory of this JVM packed into a jar of its own; jars stay as they are. */
    private static String jarClasspath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Paths.get(entry);
            if (Files.isDirectory(path)) {
                Path jar = dir.resolve("classes-" + n++ + ".jar");
                pack(path, jar);
                entries.add(jar.toString());
            } else if (Files.isRegularFile(path)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pack(Path directory, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static String runParent(String classpath, Path cache, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath, SharingParentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process parent = builder.start();
        parent.getOutputStream().close();
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, parent.waitFor(), "the parent failed; it printed: " + out);
        return out;
    }

    private static List<Path> files(Path cache) throws IOException {
        try (Stream<Path> all = Files.walk(cache)) {
            return all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }
}
