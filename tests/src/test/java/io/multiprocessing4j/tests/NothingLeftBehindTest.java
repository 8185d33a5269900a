package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.StartMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * However a child ends, nothing of it remains: no process, no hsperfdata file, no pipe or socket
 * held open in the parent, no thread serving it, no entry in {@code activeChildren()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NothingLeftBehindTest {

    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
        Multiprocessing.setStartMethod(StartMethod.WARM);
    }

    @Test
    void noProcessFileOrDescriptorRemainsHoweverChildrenEnd() {
        // Each child a fresh JVM: with warm start, spare JVMs (which hold a socket and two pipes
        // each) would replace the children that end; WarmStartTest shows that none outlives its parent.
        Multiprocessing.setStartMethod(StartMethod.SPAWN);
        // Warm up: the first child opens the parent's endpoint (a listening socket) for good.
        started.start(LifecycleWorkers.returnNormally()).join();
        Support.awaitTrue("no descendants before the test", SETTLE,
                () -> ProcessHandle.current().descendants().findAny().isEmpty(), Support::describeDescendants);
        Map<String, Integer> descriptorsBefore = pipesAndSockets();

        List<ChildProcess> children = new ArrayList<>();
        children.add(started.start(LifecycleWorkers.returnNormally().name("returns")));
        children.add(started.start(LifecycleWorkers.throwUncaught("expected by the test").name("throws")));
        children.add(started.start(LifecycleWorkers.exitWith(7).name("exits")));
        children.add(started.start(LifecycleWorkers.print("noise-", 200).name("prints")));
        ChildProcess killed = started.start(LifecycleWorkers.sleep(60_000).name("killed"));
        ChildProcess terminated = started.start(LifecycleWorkers.sleep(60_000).name("terminated"));
        children.add(killed);
        children.add(terminated);
        Map<String, Integer> descriptorsWhileRunning = pipesAndSockets();
        assertTrue(descriptorsBefore.isEmpty() || !noMoreThan(descriptorsBefore, descriptorsWhileRunning),
                "the count must see the pipes and sockets of running children: before " + descriptorsBefore
                        + ", while running " + descriptorsWhileRunning);
        assertFalse(threadsServing(List.of(killed, terminated)).isEmpty(),
                "the check must see the threads that serve running children");
        killed.kill();
        terminated.terminate();
        assertThrows(ProcessStartException.class,
                () -> started.start(LifecycleWorkers.returnNormally().name("refused").jvmOptions("-Xmx1k")));
        for (ChildProcess child : children) {
            assertTrue(child.join(Duration.ofSeconds(15)), child + " did not exit");
        }
        assertEquals(List.of(0, 1, 7, 0, -9, -15), children.stream()
                .map(c -> c.exitCode().orElse(-999)).collect(Collectors.toList()));

        Support.awaitTrue("no process of this JVM's remains", SETTLE,
                () -> ProcessHandle.current().descendants().findAny().isEmpty(), Support::describeDescendants);
        for (ChildProcess child : children) {
            assertFalse(ProcessHandle.of(child.pid()).isPresent(), child + " still exists");
            for (Path perfData : Support.hsperfdataFiles(child.pid())) {
                assertFalse(Files.exists(perfData), child + " left " + perfData);
            }
            assertEquals(List.of(), Support.argFiles(child.pid()), child + " left an argument file");
        }
        assertTrue(Multiprocessing.activeChildren().isEmpty(), Multiprocessing.activeChildren().toString());
        Support.awaitTrue("no thread serves an ended child any more", SETTLE,
                () -> threadsServing(children).isEmpty(), () -> "still running: " + threadsServing(children));
        Support.awaitTrue("the parent holds no more pipes or sockets than before the children", SETTLE,
                () -> noMoreThan(descriptorsBefore, pipesAndSockets()),
                () -> "before " + descriptorsBefore + ", now " + pipesAndSockets());
    }

    /** This JVM's threads named after one of {@code children} (its reader and output pumps). */
    private static List<String> threadsServing(List<ChildProcess> children) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> children.stream().anyMatch(c -> name.startsWith(c.name() + "-")))
                .collect(Collectors.toList());
    }

    private static boolean noMoreThan(Map<String, Integer> before, Map<String, Integer> now) {
        return now.entrySet().stream().allMatch(e -> e.getValue() <= before.getOrDefault(e.getKey(), 0));
    }

    /** Counts this JVM's open pipes and sockets, by kind; empty where /proc is missing. */
    private static Map<String, Integer> pipesAndSockets() {
        Path fds = Paths.get("/proc/self/fd");
        Map<String, Integer> counts = new TreeMap<>();
        if (!Files.isDirectory(fds)) {
            return counts;
        }
        try (Stream<Path> entries = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) entries::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed while listing: the directory's own descriptor
                }
                if (target.startsWith("pipe:") || target.startsWith("socket:")) {
                    counts.merge(target.substring(0, target.indexOf(':')), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return counts;
    }
}
