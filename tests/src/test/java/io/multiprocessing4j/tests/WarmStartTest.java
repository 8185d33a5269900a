package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.StartMethod;
import io.multiprocessing4j.internal.launch.Spares;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm start against real child JVMs: a child that ends is replaced by a spare, which the next
 * child of its configuration (a {@code ChildProcess} or a pool worker) is handed to; spares are
 * nobody's children, use no CPU, die with their parent (even {@code kill -9}), are reclaimed when
 * idle, are not started during shutdown, and {@code SPAWN} or the property turns them off.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WarmStartTest {

    /** A JVM boots in well under a second here; the margin is for a loaded machine. */
    private static final Duration BOOT = Duration.ofSeconds(30);
    private static final Duration ORPHAN_DEADLINE = Duration.ofSeconds(2);

    private final Support.Started started = new Support.Started();
    private final List<Process> parents = new ArrayList<>();

    @AfterEach
    void restore() {
        started.killAll();
        for (Process parent : parents) {
            parent.destroyForcibly();
        }
        System.clearProperty(Spares.IDLE_PROPERTY);
        Multiprocessing.setStartMethod(StartMethod.WARM);
        Multiprocessing.setSpares(Multiprocessing.cpuCount());
    }

    /** Warm start, and no spare left by an earlier test. */
    private static void warmWithoutSpares() {
        Multiprocessing.setStartMethod(StartMethod.SPAWN);
        Multiprocessing.setStartMethod(StartMethod.WARM);
    }

    /** Starts and joins a child with no options, then waits for the spares that replace it. */
    private static Set<Long> sparesAfterAChild() {
        LifecycleWorkers.returnNormally().start().join();
        return settledSpares();
    }

    private static Set<Long> settledSpares() {
        try {
            assertTrue(Spares.awaitSettled(BOOT.toNanos()) >= 0, "spares still booting after " + BOOT);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return new HashSet<>(Spares.pids());
    }

    @Test
    void theNextChildProcessIsHandedASpareAndIsWhoItIsTold(@TempDir Path dir) throws IOException {
        warmWithoutSpares();
        Set<Long> spares = sparesAfterAChild();
        assertFalse(spares.isEmpty(), "no spare replaced the child that ended");

        Path report = dir.resolve("identity");
        ChildProcess child = started.start(LifecycleWorkers.reportIdentity(report.toString()).name("warm one"));
        assertTrue(spares.contains(child.pid()), child + " was not one of the spares " + spares);
        assertFalse(Spares.pids().contains(child.pid()), "a spare handed to a child is a spare no more");
        child.join();
        assertEquals(0, child.exitCode().orElse(-999));
        List<String> identity = Files.readAllLines(report);
        assertEquals(List.of("warm one", Long.toString(child.pid()), "MainProcess",
                Long.toString(ProcessHandle.current().pid()), Long.toString(child.pid())), identity);
    }

    @Test
    void aSpareRunsNoUserCodeUntilItIsHandedATask(@TempDir Path marks) throws IOException {
        warmWithoutSpares();
        String option = "-D" + InitializedOnce.MARKS + "=" + marks;
        ChildProcess first = started.start(InitializedOnceWorkers.run().jvmOptions(option));
        first.join();
        assertEquals(0, first.exitCode().orElse(-999));
        Set<Long> spares = settledSpares();
        assertEquals(1, spares.size(), "one spare replaced the child that ended: " + spares);
        long spare = spares.iterator().next();
        assertEquals(Set.of(Long.toString(first.pid())), marked(marks),
                "only the child ran the user class's static initializer, not the spare " + spare);

        ChildProcess second = started.start(InitializedOnceWorkers.run().jvmOptions(option));
        assertEquals(spare, second.pid(), "the second child was handed the spare");
        second.join();
        assertEquals(0, second.exitCode().orElse(-999));
        assertEquals(Set.of(Long.toString(first.pid()), Long.toString(spare)), marked(marks));
    }

    private static Set<String> marked(Path marks) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(marks)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void poolWorkersAreHandedSparesOfThePoolsConfiguration() {
        warmWithoutSpares();
        Multiprocessing.setSpares(2);
        try (Pool first = Pool.create(2)) {
            first.apply(IdentityTasks.pidAndName());
        }
        Set<Long> spares = settledSpares();
        try (Pool second = Pool.create(2)) {
            List<String> ran = second.map(x -> IdentityTasks.pidAndName(), List.of(1, 2, 3, 4, 5, 6, 7, 8), 1);
            Set<Long> pids = new HashSet<>();
            for (String pidAndName : ran) {
                String[] parts = pidAndName.split(" ", 2);
                pids.add(Long.parseLong(parts[0]));
                assertTrue(parts[1].startsWith("PoolWorker-"), pidAndName);
            }
            assertTrue(spares.containsAll(pids), "the workers " + pids + " were not all spares " + spares);
        }
    }

    @Test
    void sparesAreNobodysChildrenAndIdleWithoutCpu() throws Exception {
        warmWithoutSpares();
        Set<Long> spares = sparesAfterAChild();
        assertFalse(spares.isEmpty(), "no spare replaced the child that ended");
        List<Long> active = Multiprocessing.activeChildren().stream().map(ProcessInfo::pid).collect(Collectors.toList());
        for (long spare : spares) {
            assertTrue(ProcessHandle.of(spare).isPresent(), "spare " + spare + " runs");
            assertFalse(active.contains(spare), "activeChildren() lists the spare " + spare + ": " + active);
            List<String> command = commandLine(spare);
            assertEquals("-Dmultiprocessing4j.name=(spare)", command.get(1), command.toString());
            assertEquals("-Dmultiprocessing4j.parentPid=" + ProcessHandle.current().pid(), command.get(2));
        }
        long spare = spares.iterator().next();
        Cpu.assertIdle(spare, spare, Duration.ofSeconds(3)); // the process as a whole, and its launcher thread
    }

    @Test
    void sparesUnusedForTheIdlePeriodAreReclaimed() {
        warmWithoutSpares(); // none made with the default idle period
        System.setProperty(Spares.IDLE_PROPERTY, "1");
        Set<Long> spares = sparesAfterAChild();
        assertFalse(spares.isEmpty(), "no spare replaced the child that ended");
        for (long spare : spares) {
            Support.awaitGone(spare, Duration.ofSeconds(20));
        }
        assertEquals(List.of(), Spares.pids());
    }

    @Test
    void spawnKillsTheSparesAndMakesNoMore() {
        warmWithoutSpares();
        Set<Long> spares = sparesAfterAChild();
        assertFalse(spares.isEmpty(), "no spare replaced the child that ended");

        Multiprocessing.setStartMethod(StartMethod.SPAWN);
        assertEquals(StartMethod.SPAWN, Multiprocessing.startMethod());
        for (long spare : spares) {
            Support.awaitGone(spare, Duration.ofSeconds(10));
        }
        ChildProcess child = started.start(LifecycleWorkers.returnNormally());
        assertFalse(spares.contains(child.pid()));
        child.join();
        assertEquals(Set.of(), settledSpares(), "a child that ended was replaced by a spare with SPAWN");
    }

    @Test
    void zeroSparesTurnsWarmStartOffAndALowerNumberEndsTheSparesAboveIt() {
        warmWithoutSpares();
        Multiprocessing.setSpares(2);
        try (Pool pool = Pool.create(2)) {
            pool.apply(IdentityTasks.pidAndName());
        }
        Set<Long> two = settledSpares();
        assertEquals(2, two.size(), "two workers ended: " + two);
        Multiprocessing.setSpares(1);
        assertEquals(1, Spares.pids().size());
        Multiprocessing.setSpares(0);
        for (long spare : two) {
            Support.awaitGone(spare, Duration.ofSeconds(10));
        }
        LifecycleWorkers.returnNormally().start().join();
        assertEquals(Set.of(), settledSpares(), "a child that ended was replaced with 0 spares");
    }

    @Test
    void childrenWithOptionsOfTheirOwnLeaveAtMostTheLimitOfSparesTheNewestConfigurations() throws IOException {
        warmWithoutSpares();
        Multiprocessing.setSpares(2);
        for (int i = 0; i < 4; i++) {
            ChildProcess child = started.start(LifecycleWorkers.returnNormally().jvmOptions("-Dwarm.test.task=" + i));
            child.join();
            settledSpares();
        }
        Set<Long> spares = settledSpares();
        assertEquals(2, spares.size(), "spares left: " + spares);
        Set<String> configurations = new HashSet<>();
        for (long spare : spares) {
            for (String argument : commandLine(spare)) {
                if (argument.startsWith("-Dwarm.test.task=")) {
                    configurations.add(argument);
                }
            }
        }
        assertEquals(Set.of("-Dwarm.test.task=2", "-Dwarm.test.task=3"), configurations,
                "the spares of the two configurations used last are kept");
    }

    @Test
    void sparesDieWithinTwoSecondsOfTheirParentsSigkill() throws Exception {
        Process parent = startParent("wait");
        BufferedReader out = output(parent);
        assertEquals(WarmStartProgram.METHOD + "WARM", out.readLine());
        List<Long> spares = pids(awaitLine(out, WarmStartProgram.SPARES));
        assertFalse(spares.isEmpty(), "the parent made no spare");
        for (long spare : spares) {
            assertEquals(parent.pid(), ProcessHandle.of(spare).flatMap(ProcessHandle::parent)
                    .map(ProcessHandle::pid).orElse(-1L), "spare " + spare + " is the parent's child");
        }
        long killedAt = System.nanoTime();
        parent.destroyForcibly();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        for (long spare : spares) {
            Support.awaitGone(spare, ORPHAN_DEADLINE.plusSeconds(1));
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertTrue(tookMillis <= ORPHAN_DEADLINE.toMillis(), "the spares took " + tookMillis + " ms to go");
        for (Path argFile : Support.argFiles(parent.pid())) {
            Files.deleteIfExists(argFile); // a parent killed with SIGKILL cannot delete its own
        }
    }

    @Test
    void noSpareIsStartedWhileTheParentShutsDown() throws Exception {
        Process parent = startParent("exit-with-pool");
        BufferedReader out = output(parent);
        assertEquals(WarmStartProgram.METHOD + "WARM", out.readLine());
        awaitLine(out, WarmStartProgram.SPARES);
        awaitLine(out, WarmStartProgram.POOL);
        assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent did not exit");
        assertEquals(0, parent.exitValue());
        String marker = "-Dmultiprocessing4j.parentPid=" + parent.pid();
        Support.awaitTrue("no process of the parent's remains", Duration.ofSeconds(10),
                () -> ProcessHandle.allProcesses().noneMatch(p -> !Support.hasExited(p.pid())
                        && p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)),
                () -> "left: " + ProcessHandle.allProcesses()
                        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.toList()));
    }

    @Test
    void theStartMethodPropertyChoosesSpawnOrWarmAndAMisspeltOneIsSaid() throws Exception {
        Process spawn = startParent("start", "-Dmultiprocessing4j.startMethod=spawn");
        BufferedReader spawnOut = output(spawn);
        assertEquals(WarmStartProgram.METHOD + "SPAWN", spawnOut.readLine());
        assertEquals(WarmStartProgram.SPARES + "[]", awaitLine(spawnOut, WarmStartProgram.SPARES));

        Process warm = startParent("start", "-Dmultiprocessing4j.startMethod=WARM", "-Dmultiprocessing4j.spares=1");
        BufferedReader warmOut = output(warm);
        assertEquals(WarmStartProgram.METHOD + "WARM", warmOut.readLine());
        assertEquals(1, pids(awaitLine(warmOut, WarmStartProgram.SPARES)).size());

        Process wrong = startParent("start", "-Dmultiprocessing4j.startMethod=forkserver");
        BufferedReader wrongOut = output(wrong);
        String said = wrongOut.readLine();
        assertTrue(said.startsWith(WarmStartProgram.METHOD + "refused: the system property multiprocessing4j.startMethod"
                + " is 'forkserver': it must be spawn"), said);
        String failed = awaitLine(wrongOut, WarmStartProgram.START_FAILED);
        assertTrue(failed.contains("ChildProcess-1 cannot be started: the system property multiprocessing4j.startMethod"),
                failed);
        for (Process parent : List.of(spawn, warm, wrong)) {
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, parent.exitValue());
        }
    }

    @Test
    void aHandedOverSpareShowsItWasOneInPs() throws IOException {
        warmWithoutSpares();
        Set<Long> spares = sparesAfterAChild();
        assertFalse(spares.isEmpty(), "no spare replaced the child that ended");
        ChildProcess child = started.start(LifecycleWorkers.sleep(60_000).name("was a spare"));
        assertTrue(spares.contains(child.pid()));
        List<String> command = commandLine(child.pid());
        assertEquals("-Dmultiprocessing4j.name=(spare)", command.get(1), command.toString());
        assertNotEquals(-1, command.indexOf("io.multiprocessing4j.internal.child.ChildMain"));
        assertTrue(Multiprocessing.activeChildren().contains(child), "a handed-over spare is an active child");
    }

    // ---------------------------------------------------------------- helpers

    private Process startParent(String mode, String... options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(List.of(options));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WarmStartProgram.class.getName());
        command.add(mode);
        Process parent = Jvms.startCopyingStderr(new ProcessBuilder(command));
        parents.add(parent);
        return parent;
    }

    private static BufferedReader output(Process parent) {
        return new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The next line that starts with {@code prefix}; the test's timeout bounds the wait. */
    private static String awaitLine(BufferedReader out, String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.add(line);
        }
        throw new AssertionError("the parent's output ended without \"" + prefix + "...\"; it printed " + seen);
    }

    /** The pids of a line {@code spares [1, 2]}. */
    private static List<Long> pids(String line) {
        String list = line.substring(line.indexOf('[') + 1, line.lastIndexOf(']')).trim();
        List<Long> pids = new ArrayList<>();
        if (!list.isEmpty()) {
            for (String pid : list.split(",\\s*")) {
                pids.add(Long.parseLong(pid));
            }
        }
        return pids;
    }

    private static List<String> commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "cmdline"));
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
}
