package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskFailedException;
import io.multiprocessing4j.TaskTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool at its edges (issue 7): tasks that end as their limit passes, a worker that cannot
 * halt, and Errors thrown by user code inside the codec, on both sides of the wire.
 */
@Timeout(180)
class PoolDeadlinesAndCodecTest {

    @Test
    void aWorkerThatSaysItHaltsButCannotIsKilledAndReplaced() throws Exception {
        try (Pool pool = Pool.builder().processes(1).taskTimeout(Duration.ofSeconds(2)).build()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.applyAsync(PoolFixJobsTasks.spinWithoutSafepoints(1)).get(60, TimeUnit.SECONDS));
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            assertEquals(7, pool.applyAsync(PoolFixJobsTasks.identity(7)).get(60, TimeUnit.SECONDS),
                    "a replacement took the next task");
        }
    }

    @Test
    void tasksEndingAtTheirLimitNeverDisturbOtherTasks() throws Exception {
        long limitMillis = 40;
        List<AsyncResult<Integer>> ordinary = new ArrayList<>();
        List<AsyncResult<Integer>> straddling = new ArrayList<>();
        Pool pool = Pool.create(2);
        try {
            for (int i = 0; i < 60; i++) {
                ordinary.add(pool.applyAsync(PoolFixJobsTasks.sleepThenReturn(i, i % 3)));
                if (i % 2 == 0) {
                    long millis = limitMillis - 2 + (i / 2) % 5;
                    straddling.add(pool.applyAsync(PoolFixJobsTasks.sleepThenReturn(1000 + i, millis),
                            Duration.ofMillis(limitMillis)));
                }
            }
            for (int i = 0; i < ordinary.size(); i++) {
                assertEquals(i, ordinary.get(i).get(120, TimeUnit.SECONDS), "ordinary task " + i);
            }
            for (AsyncResult<Integer> result : straddling) {
                try {
                    assertTrue(result.get(120, TimeUnit.SECONDS) >= 1000);
                } catch (ExecutionException e) {
                    assertInstanceOf(TaskTimeoutException.class, e.getCause());
                }
            }
        } finally {
            CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
            closing.get(120, TimeUnit.SECONDS);
        }
    }

    @Test
    void errorsOfUserCodeInTheCodecFailOnlyTheirTask() throws Exception {
        try (Pool pool = Pool.create(1)) {
            TaskFailedException unwritable = assertThrows(TaskFailedException.class,
                    () -> pool.apply(PoolFixJobsTasks.unwritableResult()));
            assertTrue(unwritable.getMessage().contains("writeObject refuses"), unwritable.getMessage());

            TaskFailedException unreadableResult = assertThrows(TaskFailedException.class,
                    () -> pool.apply(PoolFixJobsTasks.unreadableResult()));
            assertTrue(unreadableResult.getMessage().contains("cannot be decoded here"), unreadableResult.getMessage());
            assertTrue(unreadableResult.getMessage().contains("readObject refuses"), unreadableResult.getMessage());

            TaskFailedException bad = assertThrows(TaskFailedException.class,
                    () -> pool.apply(PoolFixJobsTasks.throwBadException()));
            assertEquals(PoolFixJobs.BadException.class.getName(), bad.getCause().getClass().getName());

            TaskFailedException unreadable = assertThrows(TaskFailedException.class,
                    () -> pool.apply(PoolFixJobsTasks.takeUnreadable(new PoolFixJobs.ThrowsWhenRead())));
            assertTrue(unreadable.getMessage().contains("PoolFixJobs.takeUnreadable("), unreadable.getMessage());
            assertTrue(unreadable.getMessage().contains("readObject refuses"), unreadable.getMessage());

            assertEquals(5, pool.apply(PoolFixJobsTasks.identity(5)), "the worker went on");
        }
    }

    @Test
    void closeFromACompletionCallbackDoesNotDeadlock() throws Exception {
        Pool pool = Pool.create(1);
        try {
            CompletableFuture<Integer> chained = pool.applyAsync(PoolFixJobsTasks.identity(9)).thenApply(v -> {
                pool.close();
                return v;
            });
            assertEquals(9, chained.get(60, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> pool.applyAsync(PoolFixJobsTasks.identity(1)));
        } finally {
            CompletableFuture.runAsync(pool::terminate).get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHangingInitializerFailsTheWaitingTasksNamingIt() throws Exception {
        Pool pool = Pool.builder().processes(1).initializer(PoolFixJobsTasks.sleepForever())
                .taskTimeout(Duration.ofSeconds(1)).build();
        try {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.applyAsync(PoolFixJobsTasks.identity(1)).get(60, TimeUnit.SECONDS));
            assertInstanceOf(io.multiprocessing4j.WorkerDiedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("initializer PoolFixJobs.sleepForever() ran past the time"
                    + " limit of 1 s"), e.getCause().getMessage());
        } finally {
            CompletableFuture.runAsync(pool::terminate).get(60, TimeUnit.SECONDS);
        }
    }
}
