package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    @Timeout(120)
    @EnabledOnOs(OS.LINUX)
    void childrenOfAJarApplicationRecordAndThenMapAnArchive(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String classpath = jarClasspath(dir);

        assertEquals("0 0 0 mapped=true", runParent(classpath, cache),
                "children run while the first records the archive, and the last maps it");
        List<Path> archives = files(cache);
        assertEquals(1, archives.size(), "one archive and nothing else in " + cache + ": " + archives);
        String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        assertTrue(archives.get(0).toString().endsWith(suffix), archives.toString());
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

    @Test
    @Timeout(120)
    @EnabledOnOs(OS.LINUX)
    void aManagersServerThatIsTheFirstChildRecordsTheArchive(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String classpath = jarClasspath(dir);

        assertEquals("archive=true", runParent(classpath, cache, "manager"),
                "the server, closed with its manager, kept what it recorded");
        List<Path> archives = files(cache);
        assertEquals(1, archives.size(), "one archive and nothing else in " + cache + ": " + archives);
        String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        assertTrue(archives.get(0).toString().endsWith(suffix), archives.toString());
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

    private static String runParent(String classpath, Path cache, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, SharingParentMain.class.getName()));
        command.addAll(List.of(arguments));
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
