package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.TaskException;
import io.multiprocessing4j.TaskFailedException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What processes are for: a task that throws, hangs, or takes its worker down never takes the
 * pool down, never hangs it, and never leaves a process behind.
 */
@Timeout(60)
class PoolContainmentTest {

    private static List<Long> workerPids() {
        return Multiprocessing.activeChildren().stream().map(ProcessInfo::pid).collect(Collectors.toList());
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void aTaskThatThrowsIsRebuiltWithTheChildsStackTrace() {
        try (Pool pool = Pool.create(1)) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.apply(PoolJobsTasks.failWith("bad input 42")));
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals("bad input 42", e.getCause().getMessage());
            assertEquals("failWith", e.getCause().getStackTrace()[0].getMethodName());
            assertTrue(e.getMessage().contains("PoolWorker-1"), e.getMessage());
            assertTrue(e.getMessage().contains("PoolJobs.failWith(bad input 42)"), e.getMessage());
            assertTrue(e.worker().startsWith("PoolWorker-1"), e.worker());
            assertEquals(4, pool.apply(PoolJobsTasks.square(2)));
        }
    }

    @Test
    void anExceptionThatCannotBeRebuiltArrivesAsText() {
        try (Pool pool = Pool.create(1)) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.apply(PoolJobsTasks.failUnrebuildably("it holds a thread")));
            RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
            assertEquals(PoolJobs.Unrebuildable.class.getName(), remote.remoteClassName());
            assertEquals("it holds a thread", remote.remoteMessage());
            assertTrue(remote.remoteStackTrace().contains("failUnrebuildably"), remote.remoteStackTrace());
            assertEquals("failUnrebuildably", remote.getStackTrace()[0].getMethodName());
        }
    }

    @Test
    void aWorkerThatHaltsFailsOnlyItsTaskAndIsReplaced() throws Exception {
        try (Pool pool = Pool.create(2)) {
            List<AsyncResult<Integer>> before = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                before.add(pool.applyAsync(PoolJobsTasks.sleepThenSquare(20, i)));
            }
            AsyncResult<Integer> dying = pool.applyAsync(PoolJobsTasks.halt(77));
            List<AsyncResult<Integer>> after = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                after.add(pool.applyAsync(PoolJobsTasks.sleepThenSquare(20, i)));
            }
            ExecutionException e = assertThrows(ExecutionException.class, dying::get);
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(77, died.exitCode());
            assertTrue(died.getMessage().contains("exit code 77"), died.getMessage());
            assertTrue(died.getMessage().contains("PoolJobs.halt(77)"), died.getMessage());
            for (int i = 0; i < 10; i++) {
                assertEquals(i * i, before.get(i).get());
                assertEquals(i * i, after.get(i).get());
            }
            Support.awaitTrue("a replacement worker is up", Duration.ofSeconds(10), () -> workerPids().size() == 2);
        }
    }

    @Test
    void systemExitInATaskIsADeathWithItsExitCode() {
        try (Pool pool = Pool.create(1)) {
            WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(PoolJobsTasks.exit(7)));
            assertEquals(7, e.exitCode());
            assertEquals(9, pool.apply(PoolJobsTasks.square(3)));
        }
    }

    @Test
    void aWorkerKilledFromOutsideFailsItsTask() throws Exception {
        try (Pool pool = Pool.create(1)) {
            long pid = pool.apply(PoolJobsTasks.pid());
            AsyncResult<Integer> running = pool.applyAsync(PoolJobsTasks.sleepThenSquare(30_000, 3));
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(-9, died.exitCode());
            assertTrue(died.getMessage().contains("signal 9"), died.getMessage());
            assertNotEquals(pid, pool.apply(PoolJobsTasks.pid()));
        }
    }

    @Test
    void runningOutOfMemoryKillsTheWorkerNotThePool() {
        try (Pool pool = Pool.builder().processes(1).jvmOptions("-Xmx24m").build()) {
            WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(PoolJobsTasks.exhaustHeap()));
            assertTrue(e.getMessage().contains("OutOfMemoryError"), e.getMessage());
            assertEquals(16, pool.apply(PoolJobsTasks.square(4)));
        }
    }

    @Test
    void aTaskPastThePoolsTimeLimitIsKilledWithinASecond() throws Exception {
        try (Pool pool = Pool.builder().processes(2).taskTimeout(Duration.ofMillis(400)).build()) {
            long start = System.nanoTime();
            AsyncResult<Integer> slow = pool.applyAsync(PoolJobsTasks.sleepThenSquare(60_000, 1));
            AsyncResult<Integer> quick = pool.applyAsync(PoolJobsTasks.sleepThenSquare(50, 5));
            ExecutionException e = assertThrows(ExecutionException.class, slow::get);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, e.getCause());
            assertEquals(Duration.ofMillis(400), timeout.timeout());
            assertTrue(tookMillis < 1400, "the timeout took " + tookMillis + " ms to fire");
            assertEquals(25, quick.get());
            assertEquals(36, pool.apply(PoolJobsTasks.square(6)));
        }
    }

    @Test
    void aPerCallTimeLimitReplacesThePoolsDefault() throws Exception {
        try (Pool pool = Pool.create(1)) {
            AsyncResult<Integer> slow = pool.applyAsync(PoolJobsTasks.sleepThenSquare(60_000, 1), Duration.ofMillis(200));
            ExecutionException e = assertThrows(ExecutionException.class, slow::get);
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            assertEquals(49, pool.applyAsync(PoolJobsTasks.sleepThenSquare(10, 7), Duration.ofSeconds(30)).get());
        }
    }

    @Test
    void aTimeoutInsideAChunkFailsOnlyThatTask() {
        try (Pool pool = Pool.builder().processes(1).taskTimeout(Duration.ofMillis(300)).build()) {
            List<Integer> millis = List.of(10, 10, 60_000, 10, 10, 10);
            Iterator<Integer> results = pool.imap(i -> PoolJobsTasks.sleepThenSquare(millis.get(i), i),
                    range(millis.size()), 6).iterator();
            assertEquals(0, results.next());
            assertEquals(1, results.next());
            assertThrows(TaskTimeoutException.class, results::next);
            assertEquals(9, results.next());
            assertEquals(16, results.next());
            assertEquals(25, results.next());
        }
    }

    @Test
    void cancellingARunningTaskKillsAndReplacesItsWorker(@TempDir Path dir) throws Exception {
        try (Pool pool = Pool.create(1)) {
            long pid = pool.apply(PoolJobsTasks.pid());
            AsyncResult<Integer> running = pool.applyAsync(PoolJobsTasks.markThenSleep(dir.toString(), 1, 60_000));
            Support.awaitTrue("the task started", Duration.ofSeconds(10), () -> PoolJobs.ran(dir, 1));
            assertTrue(running.cancel(true));
            assertTrue(running.isCancelled());
            Jvms.awaitGone(List.of(pid), Duration.ofSeconds(5));
            assertNotEquals(pid, pool.apply(PoolJobsTasks.pid()));
        }
    }

    @Test
    void cancellingATaskWithoutInterruptingLetsItsWorkerLive(@TempDir Path dir) throws Exception {
        try (Pool pool = Pool.create(1)) {
            long pid = pool.apply(PoolJobsTasks.pid());
            AsyncResult<Integer> running = pool.applyAsync(PoolJobsTasks.markThenSleep(dir.toString(), 1, 300));
            Support.awaitTrue("the task started", Duration.ofSeconds(10), () -> PoolJobs.ran(dir, 1));
            assertTrue(running.cancel(false));
            assertEquals(pid, pool.apply(PoolJobsTasks.pid()));
        }
    }

    @Test
    void aCancelledQueuedTaskNeverRuns(@TempDir Path dir) throws Exception {
        try (Pool pool = Pool.create(1)) {
            AsyncResult<Integer> first = pool.applyAsync(PoolJobsTasks.markThenSleep(dir.toString(), 1, 500));
            AsyncResult<Integer> queued = pool.applyAsync(PoolJobsTasks.markThenSleep(dir.toString(), 2, 0));
            AsyncResult<Integer> third = pool.applyAsync(PoolJobsTasks.markThenSleep(dir.toString(), 3, 0));
            assertTrue(queued.cancel(true));
            assertEquals(1, first.get());
            assertEquals(3, third.get());
        }
        assertTrue(PoolJobs.ran(dir, 1));
        assertFalse(PoolJobs.ran(dir, 2), "a cancelled task ran");
        assertTrue(PoolJobs.ran(dir, 3));
    }

    @Test
    void terminateFailsPendingWorkPromptlyAndLeavesNoProcess() {
        Pool pool = Pool.create(2);
        List<Long> pids = workerPids();
        List<AsyncResult<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pending.add(pool.applyAsync(PoolJobsTasks.sleepThenSquare(60_000, i)));
        }
        long start = System.nanoTime();
        pool.terminate();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
        for (AsyncResult<Integer> result : pending) {
            assertTrue(result.isCancelled());
            assertThrows(CancellationException.class, result::get);
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " survived");
        }
    }

    @Test
    void workersExitWithinTwoSecondsOfTheirParentsKill9() throws Exception {
        Process parent = Jvms.start(PoolParentMain.class);
        try {
            List<Long> pids = Jvms.readUntil(parent, "ready").stream().map(Long::valueOf).collect(Collectors.toList());
            assertEquals(2, pids.size(), pids.toString());
            parent.destroyForcibly().waitFor();
            Duration took = Jvms.awaitGone(pids, Duration.ofSeconds(2));
            assertTrue(took.toMillis() < 2000, took.toString());
        } finally {
            parent.destroyForcibly().waitFor();
            // a parent killed with SIGKILL cannot delete its argument file; the next parent's sweep
            // would, but this suite should not leave it until then
            for (Path file : Support.argFiles(parent.pid())) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void soakTwoThousandTasksWithWorkersDyingUnderTwoPercent() throws Exception {
        long start = System.nanoTime();
        List<AsyncResult<Integer>> results = new ArrayList<>();
        List<Long> seen;
        try (Pool pool = Pool.create(2)) {
            for (int i = 0; i < 2000; i++) {
                results.add(pool.applyAsync(PoolJobsTasks.squareOrHaltEvery50th(i)));
            }
            int died = 0;
            for (int i = 0; i < 2000; i++) {
                if (i % 50 == 49) {
                    ExecutionException e = assertThrows(ExecutionException.class, results.get(i)::get);
                    WorkerDiedException death = assertInstanceOf(WorkerDiedException.class, e.getCause(), "task " + i);
                    assertEquals(13, death.exitCode());
                    died++;
                } else {
                    assertEquals(i * i, results.get(i).get(), "task " + i);
                }
            }
            assertEquals(40, died);
            seen = workerPids();
        }
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 40);
        for (long pid : seen) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        Set<Long> left = Support.nonSpareChildren();
        assertTrue(left.isEmpty(), "left behind: " + left);
    }

    @Test
    void aFailingInitializerFailsTasksClearlyWithoutRestartingWorkers() {
        try (Pool pool = Pool.builder().processes(2).initializer(PoolJobsTasks.failingInitializer()).build()) {
            List<Long> pids = workerPids();
            for (int i = 0; i < 5; i++) {
                TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(PoolJobsTasks.square(2)));
                assertTrue(e.getMessage().contains("initializer"), e.getMessage());
                assertInstanceOf(IllegalStateException.class, e.getCause());
                assertEquals("no database here", e.getCause().getMessage());
            }
            assertEquals(pids, workerPids(), "workers were restarted");
        }
    }

    @Test
    void workersThatCannotGetReadyStopThePoolFromSpinning() {
        try (Pool pool = Pool.builder().processes(1).initializer(PoolJobsTasks.exitingInitializer()).build()) {
            TaskException e = assertThrows(WorkerDiedException.class, () -> pool.apply(PoolJobsTasks.square(2)));
            assertTrue(e.getMessage().contains("stopped replacing"), e.getMessage());
            assertTrue(e.getMessage().contains("exit code 4"), e.getMessage());
        }
    }
}
