package io.multiprocessing4j.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.wire.CancelFrame;
import io.multiprocessing4j.internal.wire.TasksFrame;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool's policy against fake workers in this JVM (see {@link FakeWorkers}), in the spirit of
 * the {@code java.util.concurrent} TCK: every step is driven by the test, nothing waits on time
 * except where the rule is about time.
 */
@Timeout(60)
class PoolPolicyTest {

    private final FakeWorkers launcher = new FakeWorkers();

    private PoolCore start(int processes, long timeoutNanos) {
        return PoolCore.start(new PoolCore.Config(processes, null, 0, timeoutNanos, List.of()), launcher);
    }

    private static void submit(PoolCore pool, Sink sink, int firstItem, int count, int chunk) {
        pool.submitChunks(firstItem, count, chunk, (i, frame) -> frame.add(FakeWorkers.task("item " + i, i)), sink,
                PoolCore.DEFAULT_TIMEOUT);
    }

    @Test
    void aWorkerPastItsMemoryLimitGivesBackWhatItHoldsFinishesAndIsReplacedWithoutFailingATask()
            throws Exception {
        PoolCore pool = PoolCore.start(new PoolCore.Config(1, null, 0, 0, List.of()).maxMemoryPerChild(100), launcher);
        FakeWorkers.Worker a = launcher.next();
        a.ready();
        Sink sink = new Sink();
        submit(pool, sink, 0, 3, 1);
        TasksFrame first = a.nextUnit();
        TasksFrame second = a.nextUnit();
        TasksFrame third = a.nextUnit();

        a.resident = 101;
        a.answer(first);
        assertEquals("item 0", sink.value(0), "the task during which memory passed the limit keeps its result");
        FakeWorkers.Worker b = launcher.next();
        CancelFrame back2 = a.cancels.poll(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS);
        CancelFrame back3 = a.cancels.poll(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(second.unitId, third.unitId), List.of(back2.unitId, back3.unitId),
                "the units it holds are asked back");
        assertEquals(false, back2.haltIfRunning);
        a.answer(second); // it had begun the second already: it runs it
        a.dropped(third.unitId, third.count);
        assertTrue(a.shutdown.await(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS), "told to stop once it holds none");
        assertEquals("item 1", sink.value(1));
        b.ready();
        TasksFrame moved = b.nextUnit();
        assertEquals(third.unitId, moved.unitId, "the unit given back runs on the replacement");
        b.answer(moved);
        assertEquals("item 2", sink.value(2));
        a.exit(ExitStatus.of(0, 0, true, ""));
        PoolCore.Figures figures = pool.figures();
        assertEquals(1, figures.replaced[io.multiprocessing4j.ReplacementReason.MAX_MEMORY.ordinal()]);
        assertEquals(3, figures.tasksDone);
        assertEquals(0, figures.tasksFailed);
        pool.terminate();
    }

    @Test
    void aWorkerUnderItsMemoryLimitStays() throws Exception {
        PoolCore pool = PoolCore.start(new PoolCore.Config(1, null, 0, 0, List.of()).maxMemoryPerChild(100), launcher);
        FakeWorkers.Worker a = launcher.next();
        a.ready();
        Sink sink = new Sink();
        a.resident = 100;
        submit(pool, sink, 0, 2, 1);
        a.answer(a.nextUnit());
        a.answer(a.nextUnit());
        assertEquals("item 1", sink.value(1));
        assertEquals(1, launcher.launches.size(), "no replacement: " + launcher.launches);
        assertEquals(0, a.cancels.size());
        pool.terminate();
    }

    @Test
    void anIdleWorkerStealsAUnitAnotherHoldsUnstarted() throws Exception {
        PoolCore pool = start(2, 0);
        FakeWorkers.Worker a = launcher.next();
        FakeWorkers.Worker b = launcher.next();
        a.ready();
        Sink sink = new Sink();
        submit(pool, sink, 0, 3, 1);
        TasksFrame first = a.nextUnit();
        a.nextUnit();
        TasksFrame third = a.nextUnit();

        b.ready();
        CancelFrame steal = a.cancels.poll(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(third.unitId, steal.unitId, "the last unit the busy worker holds is asked back");
        assertEquals(false, steal.haltIfRunning);
        a.dropped(third.unitId, third.count);
        TasksFrame stolen = b.nextUnit();
        assertEquals(third.unitId, stolen.unitId, "the idle worker runs it");
        b.answer(stolen);
        a.answer(first);
        assertEquals("item 2", sink.value(2));
        assertEquals("item 0", sink.value(0));
        pool.terminate();
    }

    @Test
    void aTimeoutKeepsEarlierResultsRequeuesTheRestAndIgnoresTheWorkersLateFrames() throws Exception {
        PoolCore pool = start(1, TimeUnit.SECONDS.toNanos(30));
        FakeWorkers.Worker a = launcher.next();
        a.ready();
        Sink sink = new Sink();
        submit(pool, sink, 0, 3, 3);
        submit(pool, sink, 3, 1, 1);
        TasksFrame chunk = a.nextUnit();
        TasksFrame single = a.nextUnit();

        a.timedOut(chunk, 1);
        assertEquals("item 0", sink.value(0), "the task before the one that overran keeps its result");
        TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, sink.failure(1));
        assertTrue(timeout.getMessage().contains("30 s"), timeout.getMessage());

        a.answer(single); // a late frame of a worker that said it halts
        sink.assertPending(3);

        FakeWorkers.Worker b = launcher.next();
        b.ready();
        TasksFrame again = b.nextUnit();
        TasksFrame rest = b.nextUnit();
        assertEquals(single.unitId, again.unitId, "the unit it held unstarted runs on the replacement");
        assertEquals(1, rest.count, "the task after the one that overran runs again, alone");
        b.answer(rest);
        b.answer(again);
        assertEquals("item 2", sink.value(2));
        assertEquals("item 3", sink.value(3));

        assertTrue(a.killed.await(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS),
                "a worker that said it halts and did not exit is killed after the grace");
        assertEquals(4, sink.deliveries.get(), "each task delivered once");
        pool.terminate();
    }

    @Test
    void aDeathFailsTheRunningUnitAndRequeuesTheHeldOnes() throws Exception {
        PoolCore pool = start(1, 0);
        FakeWorkers.Worker a = launcher.next();
        a.ready();
        Sink sink = new Sink();
        submit(pool, sink, 0, 2, 1);
        a.nextUnit();
        TasksFrame held = a.nextUnit();

        a.exit(ExitStatus.of(3, 0, false, "last words"));
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, sink.failure(0));
        assertTrue(died.getMessage().contains("exit code 3"), died.getMessage());
        assertTrue(died.getMessage().contains("last words"), died.getMessage());

        FakeWorkers.Worker b = launcher.next();
        b.ready();
        TasksFrame requeued = b.nextUnit();
        assertEquals(held.unitId, requeued.unitId);
        b.answer(requeued);
        assertEquals("item 1", sink.value(1));
        pool.terminate();
    }

    @Test
    void workersThatDieBeforeTheyAreReadyThreeTimesInARowBreakThePool() throws Exception {
        PoolCore pool = start(1, 0);
        Sink sink = new Sink();
        submit(pool, sink, 0, 1, 1);
        for (int i = 0; i < WorkerSupply.FAILED_STARTS_LIMIT; i++) {
            launcher.next().exit(ExitStatus.of(1, 0, false, "bad -X option"));
        }
        WorkerDiedException broken = assertInstanceOf(WorkerDiedException.class, sink.failure(0));
        assertTrue(broken.getMessage().contains("stopped replacing its workers"), broken.getMessage());
        assertTrue(broken.getMessage().contains("bad -X option"), broken.getMessage());

        Sink later = new Sink();
        submit(pool, later, 0, 1, 1);
        assertInstanceOf(WorkerDiedException.class, later.failure(0), "later work fails at once");
        assertEquals(WorkerSupply.FAILED_STARTS_LIMIT, launcher.launches.size(), "no more launches");
        pool.terminate();
    }

    @Test
    void replacementsThatCannotStartBreakThePoolInsteadOfSpinning() throws Exception {
        PoolCore pool = start(1, 0);
        FakeWorkers.Worker a = launcher.next();
        a.ready();
        launcher.refuse.set(100);
        a.exit(ExitStatus.of(1, 0, false, ""));
        Sink sink = new Sink();
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            submit(pool, sink, 0, 1, 1);
            try {
                return sink.failure(0);
            } catch (Exception e) {
                return e;
            }
        });
        WorkerDiedException broken = assertInstanceOf(WorkerDiedException.class,
                failure.get(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(broken.getMessage().contains("refused by the test"), broken.getMessage());
        assertEquals(1 + WorkerSupply.FAILED_STARTS_LIMIT, launcher.launches.size());
        pool.terminate();
    }

    @Test
    void closeFinishesTheWorkThenStopsTheWorkers() throws Exception {
        PoolCore pool = start(1, 0);
        FakeWorkers.Worker a = launcher.next();
        a.ready();
        Sink sink = new Sink();
        submit(pool, sink, 0, 1, 1);
        TasksFrame unit = a.nextUnit();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FakeWorkers.WAIT_SECONDS);
        while (pool.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the close runs on another thread; it begins at once
        }
        assertThrows(IllegalStateException.class, () -> submit(pool, new Sink(), 0, 1, 1));
        assertEquals(1, a.shutdown.getCount(), "no shutdown while work is under way");
        a.answer(unit);
        assertEquals("item 0", sink.value(0));
        assertTrue(a.shutdown.await(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS));
        a.exit(ExitStatus.of(0, 0, true, ""));
        closing.get(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void terminateCancelsWhatIsLeftAndKillsTheWorkers() throws Exception {
        PoolCore pool = start(2, 0);
        FakeWorkers.Worker a = launcher.next();
        FakeWorkers.Worker b = launcher.next();
        a.ready();
        Sink sink = new Sink();
        submit(pool, sink, 0, 2, 1);
        TasksFrame running = a.nextUnit();
        pool.terminate();
        assertInstanceOf(CancellationException.class, sink.failure(0));
        assertInstanceOf(CancellationException.class, sink.failure(1));
        assertEquals(0, a.killed.getCount());
        assertEquals(0, b.killed.getCount(), "a worker still starting is killed too");
        a.answer(running); // too late
        assertEquals(2, sink.deliveries.get());
    }

    @Test
    void closeAndTerminateCalledFromADeliveryDoNotWaitOnThemselves() throws Exception {
        PoolCore pool = start(1, 0);
        FakeWorkers.Worker a = launcher.next();
        a.ready();
        CompletableFuture<String> closedInCallback = new CompletableFuture<>();
        ResultSink closing = new ResultSink() {
            @Override
            public void returned(int item, Object value) {
                pool.close();
                closedInCallback.complete("closed");
                assertThrows(IllegalStateException.class, pool::join, "join would wait for itself");
            }

            @Override
            public void failed(int item, RuntimeException error) {
                closedInCallback.completeExceptionally(error);
            }
        };
        pool.submit(1, i -> FakeWorkers.task("x", 1), 0, closing, PoolCore.DEFAULT_TIMEOUT);
        CompletableFuture.runAsync(() -> a.answer(takeUnit(a)));
        assertEquals("closed", closedInCallback.get(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(a.shutdown.await(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS), "the close went on");
        a.exit(ExitStatus.of(0, 0, true, ""));
        pool.join();
    }

    @Test
    void anInitializerPastTheTimeLimitFailsTheWaitingWorkNamingIt() throws Exception {
        PoolCore pool = PoolCore.start(new PoolCore.Config(1, FakeWorkers.task("setUp", 0), 0,
                TimeUnit.MILLISECONDS.toNanos(50), List.of()), launcher);
        FakeWorkers.Worker a = launcher.next(); // never says it is ready
        Sink sink = new Sink();
        submit(pool, sink, 0, 1, 1);
        assertTrue(a.killed.await(FakeWorkers.WAIT_SECONDS, TimeUnit.SECONDS), "the hanging worker is killed");
        WorkerDiedException failed = assertInstanceOf(WorkerDiedException.class, sink.failure(0));
        assertTrue(failed.getMessage().contains("initializer Frames.work(setUp, 0) ran past the time limit of 50 ms"),
                failed.getMessage());
        FakeWorkers.Worker b = launcher.next();
        b.ready();
        Sink later = new Sink();
        submit(pool, later, 0, 1, 1);
        b.answer(b.nextUnit());
        assertEquals("item 0", later.value(0), "a replacement whose initializer finishes takes work");
        pool.terminate();
    }

    private static TasksFrame takeUnit(FakeWorkers.Worker worker) {
        try {
            return worker.nextUnit();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
