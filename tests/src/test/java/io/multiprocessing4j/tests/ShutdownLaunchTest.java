package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No child JVM is started while the parent shuts down. A program that leaves its pool open and
 * returns from {@code main}, or is stopped with {@code SIGTERM}, sees its workers terminated at
 * exit, and a pool that replaced them then launched JVMs whose argument file was already gone:
 * {@code Error: could not open '/tmp/mp4j-....args'}, in about half the runs. Each exit is
 * repeated, and must print exactly what the program printed, and leave no argument file.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownLaunchTest {

    private static final int RUNS = 5;
    private static final String SQUARES = "[1, 4, 9, 16, 25, 36]";

    private final List<Process> parents = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException, IOException {
        for (Process parent : parents) {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
            for (Path argFile : Support.argFiles(parent.pid())) {
                Files.deleteIfExists(argFile);
            }
        }
    }

    private Process startParent(String mode) throws IOException {
        return startParent(UnclosedPoolParent.class, mode);
    }

    private Process startParent(Class<?> main, String mode) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:-UsePerfData", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), main.getName(), mode);
        builder.redirectErrorStream(true);
        Process parent = builder.start();
        parents.add(parent);
        return parent;
    }

    /** Everything the parent printed, stdout and stderr merged, once it has exited. */
    private static List<String> outputToTheEnd(Process parent, BufferedReader out) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
        }
        parent.waitFor(30, TimeUnit.SECONDS);
        return lines;
    }

    private static BufferedReader reader(Process parent) {
        return new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void aProgramThatReturnsWithoutClosingItsPoolExitsSilently() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            Process parent = startParent("return");
            List<String> printed = outputToTheEnd(parent, reader(parent));
            assertEquals(List.of(SQUARES), printed, "run " + run + ": what the program printed");
            assertEquals(0, parent.exitValue(), "run " + run + ": its exit code");
            assertEquals(List.of(), Support.argFiles(parent.pid()), "run " + run + ": the argument file is gone");
        }
    }

    @Test
    void aProgramStoppedWithSigtermExitsSilently() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            Process parent = startParent("wait");
            BufferedReader out = reader(parent);
            assertEquals(SQUARES, out.readLine(), "run " + run);
            assertEquals(UnclosedPoolParent.READY, out.readLine(), "run " + run);
            parent.toHandle().destroy(); // Process.destroy() would also close the streams we read
            List<String> printed = outputToTheEnd(parent, out);
            assertEquals(List.of(), printed, "run " + run + ": what the program printed after SIGTERM");
            assertEquals(128 + 15, parent.exitValue(), "run " + run + ": its exit code");
            assertEquals(List.of(), Support.argFiles(parent.pid()), "run " + run + ": the argument file is gone");
        }
    }

    @Test
    void aLaunchFromAShutdownHookIsRefusedWithAMessageThatSaysWhy() throws Exception {
        Process parent = startParent(StartingInAShutdownHook.class, "");
        List<String> printed = outputToTheEnd(parent, reader(parent));
        String refused = "refused io.multiprocessing4j.internal.launch.ShuttingDownException: ";
        String why = " was not started: this JVM is shutting down, and multiprocessing4j starts no child JVM during"
                + " shutdown";
        assertEquals(List.of(refused + "late" + why, refused + "PoolWorker-1" + why), printed);
        assertEquals(0, parent.exitValue());
        assertEquals(List.of(), Support.argFiles(parent.pid()), "the argument file is gone");
    }
}
