package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.Task;
import io.multiprocessing4j.TaskFailedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the pool computes and in which order, with well-behaved tasks. One pool serves most tests. */
@Timeout(60)
class PoolSemanticsTest {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void applyReturnsTheResult() {
        assertEquals(9, pool.apply(PoolJobsTasks.square(3)));
        assertEquals(12, pool.apply(PoolJobsTasks.add(5, 7)));
        assertEquals(null, pool.apply(PoolJobsTasks.noop()));
    }

    @Test
    void applyAsyncCompletesTheFuture() throws Exception {
        AsyncResult<Integer> result = pool.applyAsync(PoolJobsTasks.square(4));
        assertEquals(16, result.get());
        assertTrue(result.isDone());
        assertFalse(result.isCompletedExceptionally());
    }

    @Test
    void mapKeepsInputOrder() {
        List<Integer> input = range(1000);
        List<Integer> expected = input.stream().map(x -> x * x).collect(Collectors.toList());
        assertEquals(expected, pool.map(PoolJobsTasks::square, input));
        assertEquals(expected, pool.map(PoolJobsTasks::square, input, 1));
        assertEquals(expected, pool.map(PoolJobsTasks::square, input, 333));
        assertEquals(List.of(), pool.map(PoolJobsTasks::square, List.of()));
    }

    @Test
    void mapTakesPartialApplicationLikeStarmap() {
        assertEquals(List.of(10, 11, 12), pool.map(x -> PoolJobsTasks.add(x, 10), List.of(0, 1, 2)));
    }

    @Test
    void mapSendsChunksOfPythonsDefaultSize() {
        int n = 100;
        int chunk = (n + 4 * 2 - 1) / (4 * 2); // ceil(100 / (4 * processes)) = 13
        List<String> ran = pool.map(PoolJobsTasks::pidAndItem, range(n));
        for (int start = 0; start < n; start += chunk) {
            Set<String> pids = new HashSet<>();
            for (int i = start; i < Math.min(n, start + chunk); i++) {
                pids.add(ran.get(i).split(":")[0]);
            }
            assertEquals(1, pids.size(), "items " + start + ".. should run as one chunk on one worker: " + ran);
        }
    }

    @Test
    void mapAsyncWrapsFailuresInExecutionException() {
        AsyncResult<List<Integer>> result = pool.mapAsync(x -> PoolJobsTasks.divide(10, x), List.of(1, 2, 0, 5));
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(TaskFailedException.class, e.getCause());
        assertInstanceOf(ArithmeticException.class, e.getCause().getCause());
    }

    @Test
    void mapThrowsTheFirstFailureAndThePoolStaysUsable() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(x -> PoolJobsTasks.divide(10, x), List.of(1, 2, 0, 5)));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertTrue(e.getMessage().contains("PoolJobs.divide(10, 0)"), e.getMessage());
        assertEquals(List.of(1, 4), pool.map(PoolJobsTasks::square, List.of(1, 2)));
    }

    @Test
    void imapStreamsInOrder() {
        List<Integer> expected = range(200).stream().map(x -> x * x).collect(Collectors.toList());
        try (Stream<Integer> results = pool.imap(PoolJobsTasks::square, range(200))) {
            assertEquals(expected, results.collect(Collectors.toList()));
        }
        try (Stream<Integer> results = pool.imap(PoolJobsTasks::square, range(200), 7)) {
            assertEquals(expected, results.collect(Collectors.toList()));
        }
    }

    @Test
    void imapUnorderedStreamsEveryResultOnce() {
        Set<Integer> expected = range(300).stream().map(x -> x * x).collect(Collectors.toSet());
        try (Stream<Integer> results = pool.imapUnordered(PoolJobsTasks::square, range(300))) {
            List<Integer> got = results.collect(Collectors.toList());
            assertEquals(300, got.size());
            assertEquals(expected, new HashSet<>(got));
        }
        try (Stream<Integer> results = pool.imapUnordered(PoolJobsTasks::square, range(300), 11)) {
            assertEquals(expected, results.collect(Collectors.toSet()));
        }
    }

    @Test
    void imapReadsAnInfiniteInputLazily() {
        Iterable<Integer> naturals = () -> IntStream.iterate(0, i -> i + 1).iterator();
        try (Stream<Integer> results = pool.imap(PoolJobsTasks::square, naturals)) {
            assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81),
                    results.limit(10).collect(Collectors.toList()));
        }
        try (Stream<Integer> results = pool.imapUnordered(PoolJobsTasks::square, naturals)) {
            assertEquals(10, results.limit(10).count());
        }
    }

    @Test
    void imapThrowsAFailureWhereItStandsAndGoesOn() {
        Iterator<Integer> results = pool.imap(x -> PoolJobsTasks.divide(12, x), List.of(1, 0, 3)).iterator();
        assertEquals(12, results.next());
        assertThrows(TaskFailedException.class, results::next);
        assertEquals(4, results.next());
        assertFalse(results.hasNext());
    }

    @Test
    void closingAnImapStreamEarlyCancelsWhatHasNotRun(@TempDir Path dir) throws Exception {
        int items = 60;
        try (Pool own = Pool.create(2)) {
            try (Stream<Integer> results = own.imap(
                    i -> PoolJobsTasks.markThenSleep(dir.toString(), i, 100), range(items))) {
                assertEquals(List.of(0, 1), results.limit(2).collect(Collectors.toList()));
            }
        }
        long ran;
        try (Stream<Path> files = Files.list(dir)) {
            ran = files.count();
        }
        assertTrue(ran >= 2 && ran < items / 2, ran + " of " + items + " tasks ran after the stream was closed");
    }

    @Test
    void workersAreNamedPoolWorkerN() {
        Set<String> names = new HashSet<>(pool.map(i -> PoolJobsTasks.workerName(), range(40), 1));
        assertTrue(Set.of("PoolWorker-1", "PoolWorker-2").containsAll(names), names.toString());
    }

    @Test
    void theInitializerRunsOnceInEveryWorkerAndAgainInEachReplacement() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> seen;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Pool own = Pool.builder().processes(2).initializer(PoolJobsTasks.announceStart()).maxTasksPerChild(2).build()) {
            seen = own.map(i -> PoolJobsTasks.initializationsHere(), range(8), 1);
        } finally {
            System.setOut(original);
        }
        Map<String, Integer> tasksPerPid = new HashMap<>();
        for (String entry : seen) {
            String[] pidAndCount = entry.split(":");
            assertEquals("1", pidAndCount[1], "initializer ran " + pidAndCount[1] + " times before a task: " + seen);
            tasksPerPid.merge(pidAndCount[0], 1, Integer::sum);
        }
        assertEquals(4, tasksPerPid.size(), "8 tasks, 2 per child, make 4 workers: " + seen);
        String out = captured.toString(StandardCharsets.UTF_8);
        for (int n = 1; n <= 4; n++) {
            assertTrue(out.contains("Starting PoolWorker-" + n), out);
        }
    }

    @Test
    void maxTasksPerChildReplacesTheWorker() {
        List<Long> pids = new ArrayList<>();
        try (Pool own = Pool.builder().processes(1).maxTasksPerChild(2).build()) {
            for (int i = 0; i < 6; i++) {
                pids.add(own.apply(PoolJobsTasks.pid()));
            }
        }
        assertEquals(pids.get(0), pids.get(1));
        assertEquals(pids.get(2), pids.get(3));
        assertEquals(pids.get(4), pids.get(5));
        assertEquals(3, new HashSet<>(pids).size(), pids.toString());
    }

    @Test
    void closeLetsSubmittedWorkFinishAndThenRefusesWork() throws Exception {
        Pool own = Pool.create(2);
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(own.applyAsync(PoolJobsTasks.sleepThenSquare(100, i)));
        }
        own.close();
        for (int i = 0; i < 6; i++) {
            assertTrue(results.get(i).isDone());
            assertEquals(i * i, results.get(i).get());
        }
        assertThrows(IllegalStateException.class, () -> own.apply(PoolJobsTasks.square(2)));
        assertThrows(IllegalStateException.class, () -> own.map(PoolJobsTasks::square, List.of(1)));
        assertThrows(IllegalStateException.class, () -> own.imap(PoolJobsTasks::square, List.of(1)));
        own.join();
        own.close();
    }

    @Test
    void workAfterTerminateIsRefused() {
        Pool own = Pool.create(1);
        own.terminate();
        assertThrows(IllegalStateException.class, () -> own.applyAsync(PoolJobsTasks.square(2)));
    }

    @Test
    void joinBeforeCloseIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::join);
        assertTrue(e.getMessage().contains("close()"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedWithClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Pool.create(0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().taskTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().taskTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> pool.applyAsync(PoolJobsTasks.square(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> pool.map(PoolJobsTasks::square, List.of(1), 0));
        assertThrows(IllegalArgumentException.class, () -> pool.imap(PoolJobsTasks::square, List.of(1), -1));
    }

    @Test
    void aResultThatCannotBeSentBackFailsItsTaskOnly() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(PoolJobsTasks.unsendable()));
        assertTrue(e.getMessage().contains("cannot be sent back"), e.getMessage());
        assertEquals(4, pool.apply(PoolJobsTasks.square(2)));
    }

    @Test
    void largeByteArraysMakeTheRoundTrip() {
        byte[] payload = new byte[3 << 20];
        new java.util.Random(7).nextBytes(payload);
        assertTrue(java.util.Arrays.equals(payload, pool.apply(PoolJobsTasks.identity(payload))));
    }

    @Test
    void aTaskNotMadeByTheProcessorIsRefusedBeforeItIsSent() {
        Task<Object> forged = Task.of(String.class, 0, "String.forged", new Object[0]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.apply(forged));
        assertTrue(e.getMessage().contains("java.lang.String is not a dispatcher"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new io.multiprocessing4j.ChildProcess(forged).start());
        assertEquals(1, pool.apply(PoolJobsTasks.square(1)));
    }
}
