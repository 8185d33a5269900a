package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shared-memory directory with no room left: creating a shared object fails there and then
 * with an {@code UncheckedIOException} that names the directory and what to do, never later as
 * an {@code InternalError} (or a JVM crash) at a write into memory that was never allocated.
 *
 * <p>The directory is a 1 MB tmpfs, mounted in a private mount namespace of the JVM under test
 * ({@code unshare --mount}, as root, or with a user namespace otherwise), so that nothing needs
 * unmounting afterwards, even if the test is killed. On a machine that allows neither, the JVM
 * runs with a file-size limit of 1 MB instead ({@code ulimit -f}), which makes the same writes
 * fail, though it cannot make the file system full.
 */
@Timeout(120)
class SharedMemoryFullTest {

    private Path directory;
    /** Where a crashing JVM writes its error report, instead of the working directory. */
    private Path crashes;

    @AfterEach
    void removeDirectories() throws IOException {
        for (Path made : new Path[] {directory, crashes}) {
            if (made == null) {
                continue;
            }
            try (var files = Files.walk(made)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void creatingIntoAFullDirectoryIsRefusedWithAClearExceptionNeverAFaultAtAWrite() throws Exception {
        directory = Files.createTempDirectory("tiny-shm-");
        crashes = Files.createTempDirectory("tiny-shm-crashes-");
        String mountThenRun = "mount -t tmpfs -o size=1m tmpfs \"$0\" || exit 97; exec \"$@\"";
        List<String> java = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:ErrorFile=" + crashes.resolve("hs_err_%p.log"),
                "-Dmultiprocessing4j.shmDir=" + directory, "-cp", System.getProperty("java.class.path"),
                SharedMemoryFullMain.class.getName());
        String how;
        List<String> command = new ArrayList<>();
        if (works("unshare", "--mount", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs \"$0\"", directory.toString())) {
            how = "tmpfs";
            command.addAll(List.of("unshare", "--mount", "sh", "-c", mountThenRun, directory.toString()));
        } else if (works("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=1m tmpfs \"$0\"", directory.toString())) {
            how = "tmpfs";
            command.addAll(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", mountThenRun,
                    directory.toString()));
        } else {
            how = "ulimit";
            command.addAll(List.of("sh", "-c", "ulimit -f 1024 && exec \"$@\"", "sh"));
        }
        command.addAll(java);
        System.out.println("a full directory made by " + how + ": " + command);
        Process process = Jvms.startCopyingStderr(new ProcessBuilder(command));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        System.out.println(output);
        assertEquals(0, process.exitValue(), "the JVM with the full directory exited with " + process.exitValue()
                + " (97: the mount failed; 134: it crashed); it printed:\n" + output + crashReport());
        List<String> lines = output.lines().collect(Collectors.toList());
        assertTrue(lines.contains(SharedMemoryFullMain.DONE), output);
        assertTrue(lines.stream().noneMatch(line -> line.contains(": FAILED")), output);

        String refusal = lines.stream().filter(line -> line.startsWith("memory of 2 MB: ")).findFirst().orElseThrow();
        assertTrue(refusal.startsWith("memory of 2 MB: refused "), "a segment larger than the room: " + refusal);
        assertTrue(refusal.contains(directory.toString()), "the message names the directory: " + refusal);
        assertTrue(refusal.contains("-Dmultiprocessing4j.shmDir=<directory>"), "and what to do: " + refusal);
        assertTrue(refusal.contains(how.equals("tmpfs") ? "No space left on device" : "File too large"), refusal);
        assertTrue(lines.contains("int after the refusal: ok 7"), "the refused segment left no file: " + output);
        if (how.equals("tmpfs")) {
            assertTrue(lines.stream().anyMatch(line -> line.matches("array \\d+: refused .*No space left on device.*")),
                    "the arrays filled the directory, then were refused: " + output);
            assertTrue(lines.stream().anyMatch(line -> line.matches("small int \\d+: refused .*")), output);
        }
    }

    /** The first lines of the crashed JVM's error report, if it wrote one. */
    private String crashReport() throws IOException {
        try (var reports = Files.list(crashes)) {
            StringBuilder text = new StringBuilder();
            for (Path report : reports.collect(Collectors.toList())) {
                text.append("\n").append(report).append(":\n");
                Files.readAllLines(report).stream().limit(20).forEach(line -> text.append(line).append('\n'));
            }
            return text.toString();
        }
    }

    /** Whether {@code command} runs and exits with 0 (its output is dropped). */
    private static boolean works(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false; // no unshare here
        }
    }
}
