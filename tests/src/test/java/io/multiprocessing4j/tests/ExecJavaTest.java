package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application run as {@code mvn exec:java} runs it ({@link ExecJavaLauncher}): its classes,
 * multiprocessing4j's among them, come from a {@code URLClassLoader}, while
 * {@code java.class.path} names only the launcher. Children must still start (they used to fail
 * with {@code Could not find or load main class ...ChildMain}), and when the launcher interrupts
 * the application's threads after {@code main}, every thread of multiprocessing4j must end at
 * once (the acceptor, the timer and the progress thread used to ignore it, and the launcher waited
 * 15 s), even with a pool and a daemon child left running, which must then go too. Where children truly cannot get
 * the application's classes, the first start fails at once and says why.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecJavaTest {

    /** Far below exec:java's 15 s, far above what ending the threads and children takes. */
    private static final long CLEANUP_LIMIT_MILLIS = 8_000;

    private static Path launcherClasses;

    @BeforeAll
    static void copyTheLauncherAlone() throws IOException {
        launcherClasses = Files.createTempDirectory("exec-java-launcher");
        Path from = Paths.get(ExecJavaLauncher.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String packagePath = ExecJavaLauncher.class.getPackageName().replace('.', '/');
        Path to = Files.createDirectories(launcherClasses.resolve(packagePath));
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(from.resolve(packagePath), "ExecJavaLauncher*.class")) {
            for (Path file : classes) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    @AfterAll
    static void deleteTheCopy() throws IOException {
        try (Stream<Path> files = Files.walk(launcherClasses)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    /** The test's class path entry by entry; Surefire's own java.class.path is a manifest-only jar. */
    private static String applicationClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static List<String> run(String loader, String mode) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process launcher = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", launcherClasses.toString(),
                ExecJavaLauncher.class.getName(), loader, applicationClassPath(), ExecJavaApp.class.getName(), mode)
                .redirectErrorStream(true).start();
        try {
            String out = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher did not exit; it printed: " + out);
            return new ArrayList<>(Arrays.asList(out.split("\\R")));
        } finally {
            launcher.destroyForcibly();
        }
    }

    private static String line(List<String> output, String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line \"" + prefix + "...\" in " + output))
                .substring(prefix.length());
    }

    private static void assertCleanExit(List<String> output) {
        assertEquals("[]", line(output, "lingering "), "threads that ignored the interrupt; output: " + output);
        long cleanup = Long.parseLong(line(output, "cleanup-ms "));
        assertTrue(cleanup < CLEANUP_LIMIT_MILLIS, "the threads took " + cleanup + " ms to end; output: " + output);
        assertEquals("[]", line(output, "descendants "), "processes left running; output: " + output);
    }

    @Test
    void childrenStartAndEveryThreadEndsWhenTheApplicationIsDone() throws Exception {
        List<String> output = run("url", "closed");
        assertEquals("OptionalInt[0]", line(output, "child exit "), output.toString());
        assertEquals("[1, 4, 9, 16]", line(output, "squares "), output.toString());
        assertCleanExit(output);
        assertTrue(output.stream().noneMatch(l -> l.contains("Error") || l.contains("Exception")), output.toString());
    }

    @Test
    void aPoolAndADaemonChildLeftRunningEndWithTheApplicationsThreads() throws Exception {
        List<String> output = run("url", "unclosed");
        assertEquals("[1, 4, 9, 16]", line(output, "squares "), output.toString());
        assertTrue(output.contains("main returns"), output.toString());
        assertCleanExit(output);
    }

    /** The progress thread used to be a scheduled executor's, which ignores interrupts: exec:java waited 15 s. */
    @Test
    void theProgressThreadEndsWithTheApplicationsThreadsAfterItsLastCall() throws Exception {
        List<String> output = run("url", "progress");
        assertEquals("[1, 4, 9, 16]", line(output, "squares "), output.toString());
        assertEquals("4/4", line(output, "progress "), output.toString());
        assertCleanExit(output);
    }

    @Test
    void classesAChildCannotGetFailTheFirstStartAtOnceSayingWhy() throws Exception {
        List<String> output = run("opaque", "closed");
        String thrown = line(output, "main threw ");
        assertTrue(thrown.startsWith("io.multiprocessing4j.ProcessStartException: ChildProcess-1 cannot be started:"),
                thrown);
        assertTrue(thrown.contains("'opaque', which is not a URLClassLoader"), thrown);
        assertTrue(thrown.contains("java -cp"), thrown);
        assertCleanExit(output);
    }
}
