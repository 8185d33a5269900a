package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Names and identities, seen from both sides of the process boundary. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildProcessNamesTest {

    private static final Pattern DEFAULT_NAME = Pattern.compile("ChildProcess-(\\d+)");

    private final Support.Started started = new Support.Started();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    /** Runs {@code p}, which reports its identity into {@code file}, and reads the report. */
    private List<String> identityOf(ChildProcess p, Path file) throws IOException {
        started.start(p).join();
        assertEquals(0, p.exitCode().orElse(-999), p + " failed; see its stderr above");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(5, lines.size(), lines.toString());
        return lines;
    }

    @Test
    void defaultNamesAreChildProcessN() {
        ChildProcess first = LifecycleWorkers.returnNormally();
        ChildProcess second = LifecycleWorkers.returnNormally();
        Matcher a = DEFAULT_NAME.matcher(first.name());
        Matcher b = DEFAULT_NAME.matcher(second.name());
        assertTrue(a.matches(), first.name());
        assertTrue(b.matches(), second.name());
        assertEquals(Integer.parseInt(a.group(1)) + 1, Integer.parseInt(b.group(1)),
                first.name() + " then " + second.name());
    }

    @Test
    void givenNameIsTheChildsCurrentProcessName() throws IOException {
        Path file = dir.resolve("identity");
        String name = "wörker ✓ 工人-1";
        ChildProcess p = LifecycleWorkers.reportIdentity(file.toString()).name(name);
        assertEquals(name, p.name());
        List<String> identity = identityOf(p, file);
        assertEquals(name, identity.get(0));
        assertEquals(name, p.name(), "unchanged by start()");
    }

    @Test
    void childKnowsItsDefaultNameItsPidAndItsParent() throws IOException {
        Path file = dir.resolve("identity");
        ChildProcess p = LifecycleWorkers.reportIdentity(file.toString());
        List<String> identity = identityOf(p, file);
        assertEquals(p.name(), identity.get(0));
        assertEquals(Long.toString(p.pid()), identity.get(1), "currentProcess().pid() in the child");
        assertEquals(Long.toString(p.pid()), identity.get(4), "the OS pid of the child JVM");
        assertEquals("MainProcess", identity.get(2), "parentProcess().name() in the child");
        assertEquals(Long.toString(ProcessHandle.current().pid()), identity.get(3), "parentProcess().pid()");
    }

    @Test
    void aGrandchildsParentIsTheChildThatStartedIt() throws IOException {
        Path file = dir.resolve("grandchild-identity");
        ChildProcess child = LifecycleWorkers.startGrandchild("grandchild", file.toString()).name("middle");
        List<String> identity = identityOf(child, file);
        assertEquals("grandchild", identity.get(0));
        assertEquals("middle", identity.get(2), "the grandchild's parentProcess() is the child");
        assertEquals(Long.toString(child.pid()), identity.get(3));
        assertEquals(identity.get(1), identity.get(4), "the grandchild's pid as it knows it and as the OS does");
        assertEquals(List.of(), Support.argFiles(child.pid()), "the child, a parent itself, left its argument file");
    }

    @Test
    void activeChildrenListsARunningChildAndNotAnExitedOne() {
        ChildProcess running = started.start(LifecycleWorkers.sleep(60_000).name("sleeper"));
        ChildProcess done = started.start(LifecycleWorkers.returnNormally().name("quick"));
        done.join();

        List<ProcessInfo> active = Multiprocessing.activeChildren();
        assertTrue(active.contains(running), active.toString());
        assertFalse(active.contains(done), active.toString());
        ProcessInfo seen = active.get(active.indexOf(running));
        assertEquals("sleeper", seen.name());
        assertEquals(running.pid(), seen.pid());

        running.kill();
        assertTrue(running.join(Duration.ofSeconds(15)));
        List<ProcessInfo> after = Multiprocessing.activeChildren();
        assertFalse(after.contains(running), after.toString());
    }
}
