package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskTimeoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processes that a task starts do not outlive it: {@code pool.terminate()}, {@code kill()} and
 * {@code terminate()} of a child, a task's time limit and {@code cancel(true)} end the whole tree
 * the child started, and a child whose parent was killed with {@code kill -9} ends its tree before
 * it exits. Each tree is two levels deep (a shell and its {@code sleep}), so that a process whose
 * parent dies first, and which the kernel then hands to init, is covered too.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessTreeTest {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration GONE = Duration.ofSeconds(10);

    private final List<String> markers = new ArrayList<>();
    private final Support.Started started = new Support.Started();
    private final List<Process> parents = new ArrayList<>();

    @AfterEach
    void leaveNoStrays() throws IOException, InterruptedException {
        started.killAll();
        for (Process parent : parents) {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
            for (Path argFile : Support.argFiles(parent.pid())) {
                Files.deleteIfExists(argFile);
            }
        }
        for (String marker : markers) {
            ProcessTrees.killMarked(marker);
        }
    }

    private String marker() {
        String marker = ProcessTrees.newMarker();
        markers.add(marker);
        return marker;
    }

    /** Waits until the shell and its sleep both run; returns their pids. */
    private static List<Long> awaitTree(String marker) {
        Support.awaitTrue("the task's shell and its sleep " + marker + " are running", START,
                () -> ProcessTrees.marked(marker).size() == 2, () -> "running: " + describe(marker));
        return ProcessTrees.marked(marker).stream().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    private static void assertTreeGone(String marker, List<Long> pids) {
        Support.awaitTrue("the task's processes " + pids + " have exited", GONE,
                () -> pids.stream().allMatch(Support::hasExited), () -> "still running: " + describe(marker));
    }

    private static String describe(String marker) {
        return ProcessTrees.marked(marker).stream()
                .map(p -> p.pid() + " (parent " + p.parent().map(ProcessHandle::pid).orElse(-1L) + ") "
                        + p.info().commandLine().orElse("?"))
                .collect(Collectors.toList()).toString();
    }

    @Test
    void poolTerminateEndsTheProcessesItsTasksStarted() {
        String marker = marker();
        Pool pool = Pool.create(1);
        try {
            long shell = pool.apply(ProcessTreesTasks.startTree(marker));
            List<Long> tree = awaitTree(marker);
            assertTrue(tree.contains(shell), "the task's shell is one of " + tree);
            pool.terminate();
            assertTreeGone(marker, tree);
        } finally {
            pool.terminate();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill", "terminate"})
    void killAndTerminateOfAChildProcessEndItsTree(String how) {
        String marker = marker();
        ChildProcess child = started.start(ProcessTreesWorkers.startTreeAndSleep(marker));
        List<Long> tree = awaitTree(marker);
        if (how.equals("kill")) {
            child.kill();
        } else {
            child.terminate();
        }
        assertTreeGone(marker, tree);
        child.join();
        assertEquals(how.equals("kill") ? -9 : -15, child.exitCode().getAsInt());
    }

    @Test
    void aTaskPastItsTimeLimitTakesItsProcessesWithIt() {
        String marker = marker();
        try (Pool pool = Pool.builder().processes(1).taskTimeout(Duration.ofSeconds(3)).build()) {
            AsyncResult<Void> result = pool.applyAsync(ProcessTreesTasks.startTreeAndOverrun(marker));
            List<Long> tree = awaitTree(marker);
            ExecutionException failure = assertThrows(ExecutionException.class, result::get);
            assertTrue(failure.getCause() instanceof TaskTimeoutException, failure.toString());
            assertTreeGone(marker, tree);
        }
    }

    @Test
    void aTaskCancelledWhileRunningTakesItsProcessesWithIt() {
        String marker = marker();
        try (Pool pool = Pool.create(1)) {
            AsyncResult<Void> result = pool.applyAsync(ProcessTreesTasks.startTreeAndOverrun(marker));
            List<Long> tree = awaitTree(marker);
            assertTrue(result.cancel(true));
            assertThrows(CancellationException.class, result::join);
            assertTreeGone(marker, tree);
        }
    }

    @Test
    void childrenOfAParentKilledWithSigkillEndTheirTreesBeforeTheyExit() throws Exception {
        String poolMarker = marker();
        String processMarker = marker();
        Process parent = Jvms.start(TreeStartingParent.class, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        parents.add(parent);
        parent.getOutputStream().write((poolMarker + "\n" + processMarker + "\n").getBytes(StandardCharsets.UTF_8));
        parent.getOutputStream().flush();
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        assertEquals(TreeStartingParent.READY, out.readLine(), "the parent started its pool and its child");
        List<Long> poolTree = awaitTree(poolMarker);
        List<Long> processTree = awaitTree(processMarker);

        parent.destroyForcibly();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        assertTreeGone(poolMarker, poolTree);
        assertTreeGone(processMarker, processTree);
    }
}
