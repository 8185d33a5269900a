package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.StartMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What operations see of a child: {@code ps} shows its name and its parent's pid, and nothing
 * else but the JVM's options and the main class (no secret, no class path); {@code jps} does not
 * list it, unless it is given {@code -XX:+UsePerfData}, and then it does. The name is the child's
 * when it is started as a fresh JVM ({@code SPAWN}); a child handed to a spare JVM shows
 * {@code (spare)} instead, which {@code WarmStartTest} checks.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildCommandLineTest {

    private static final String MAIN = "io.multiprocessing4j.internal.child.ChildMain";
    private static final long SELF = ProcessHandle.current().pid();

    private final Support.Started started = new Support.Started();

    @BeforeEach
    void spawn() {
        Multiprocessing.setStartMethod(StartMethod.SPAWN);
    }

    @AfterEach
    void killLeftovers() {
        started.killAll();
        Multiprocessing.setStartMethod(StartMethod.WARM);
    }

    /** The command line as {@code ps} shows it, from {@code /proc/PID/cmdline}. */
    private static List<String> commandLine(long pid) throws IOException {
        byte[] raw = java.nio.file.Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "cmdline"));
        List<String> arguments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                arguments.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return arguments;
    }

    private static void assertShowsWhoItIs(List<String> command, String name) {
        assertEquals("-Dmultiprocessing4j.name=" + name, command.get(1), command.toString());
        assertEquals("-Dmultiprocessing4j.parentPid=" + SELF, command.get(2), command.toString());
        assertTrue(command.get(3).startsWith("@"), "the class path is in an argument file: " + command);
        assertEquals(MAIN, command.get(command.size() - 1), command.toString());
        for (String argument : command.subList(1, command.size() - 1)) {
            assertTrue(argument.startsWith("-") || argument.startsWith("@"),
                    "only the JVM's options precede the main class, and nothing follows it: " + command);
        }
        assertFalse(command.contains("-cp") || command.contains("-classpath"), command.toString());
    }

    @Test
    void psTellsAChildProcessByItsNameAndParent() throws IOException {
        ChildProcess child = started.start(LifecycleWorkers.sleep(60_000).name("nightly report, part 2"));
        assertShowsWhoItIs(commandLine(child.pid()), "nightly report, part 2");
    }

    @Test
    void psTellsPoolWorkersApart() throws IOException {
        try (Pool pool = Pool.create(2)) {
            List<String> ran = pool.map(x -> IdentityTasks.pidAndName(), List.of(1, 2, 3, 4, 5, 6, 7, 8), 1);
            for (String pidAndName : ran) {
                String[] parts = pidAndName.split(" ", 2);
                assertShowsWhoItIs(commandLine(Long.parseLong(parts[0])), parts[1]);
            }
        }
    }

    @Test
    void jpsListsAChildOnlyWhenItIsGivenPerfData() throws Exception {
        ChildProcess hidden = started.start(LifecycleWorkers.sleep(60_000).name("hidden"));
        ChildProcess listed = started.start(LifecycleWorkers.sleep(60_000).name("listed")
                .jvmOptions("-XX:+UsePerfData"));
        // A JVM writes its perf data file as it starts; both have connected back, so both are up.
        Support.awaitTrue("jps lists the child given -XX:+UsePerfData", Duration.ofSeconds(30),
                () -> jps().contains(listed.pid()), () -> "jps listed " + jps());
        assertFalse(jps().contains(hidden.pid()), "jps lists a child that runs with -XX:-UsePerfData");
    }

    private static List<Long> jps() {
        String jps = Paths.get(System.getProperty("java.home"), "bin", "jps").toString();
        try {
            Process process = new ProcessBuilder(jps, "-q").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            List<Long> pids = new ArrayList<>();
            for (String line : out.split("\\R")) {
                if (line.matches("\\d+")) {
                    pids.add(Long.parseLong(line));
                }
            }
            return pids;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + jps, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running jps", e);
        }
    }
}
