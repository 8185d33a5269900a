package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskFailedException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, item 7: a {@link TaskFailedException}, {@link WorkerDiedException} or
 * {@link TaskTimeoutException} thrown to a caller by {@code apply}, {@code map}, the iteration of
 * an {@code imap} stream, {@code AsyncResult.get} or {@code join} carries the caller's stack (the
 * calling test method is among its frames), as {@code CompletableFuture.join} does; its message,
 * worker, task and exit code or limit are the original's; a {@code TaskFailedException}'s cause is
 * still the task's own exception, and the others' cause is the pool's original exception.
 */
@Timeout(60)
class CallerStackTest {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /** Asserts that a frame of {@code method} of this class is in {@code e}'s own stack. */
    private static void assertThrownTo(String method, Throwable e) {
        boolean found = Arrays.stream(e.getStackTrace())
                .anyMatch(f -> f.getClassName().startsWith(CallerStackTest.class.getName())
                        && f.getMethodName().contains(method));
        assertTrue(found, "no frame of " + method + " in the stack of " + e + ": "
                + Arrays.stream(e.getStackTrace()).map(String::valueOf).collect(Collectors.joining("\n  ")));
    }

    private static void assertTheTasksOwnCause(TaskFailedException e, String message) {
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(message, cause.getMessage());
        assertEquals("failWith", cause.getStackTrace()[0].getMethodName(), "the cause keeps the child's stack");
    }

    @Test
    void applyThrowsATaskFailureWithTheCallersStack() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.apply(PoolJobsTasks.failWith("bad 1")));
        assertThrownTo("applyThrowsATaskFailureWithTheCallersStack", e);
        assertTheTasksOwnCause(e, "bad 1");
        assertTrue(e.getMessage().contains("PoolJobs.failWith(bad 1)"), e.getMessage());
        assertTrue(e.worker().startsWith("PoolWorker-"), e.worker());
        assertEquals("PoolJobs.failWith(bad 1)", e.task());
    }

    @Test
    void mapThrowsATaskFailureWithTheCallersStack() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(x -> PoolJobsTasks.failWith("bad " + x), List.of(2)));
        assertThrownTo("mapThrowsATaskFailureWithTheCallersStack", e);
        assertTheTasksOwnCause(e, "bad 2");
    }

    @Test
    void anImapStreamThrowsATaskFailureWithTheCallersStack() {
        Iterator<Integer> results = pool.imap(x -> PoolJobsTasks.failWith("bad " + x), List.of(3)).iterator();
        TaskFailedException e = assertThrows(TaskFailedException.class, results::next);
        assertThrownTo("anImapStreamThrowsATaskFailureWithTheCallersStack", e);
        assertTheTasksOwnCause(e, "bad 3");
    }

    @Test
    void getWrapsATaskFailureWithTheCallersStack() {
        AsyncResult<Integer> result = pool.applyAsync(PoolJobsTasks.failWith("bad 4"));
        ExecutionException wrapped = assertThrows(ExecutionException.class, result::get);
        TaskFailedException e = assertInstanceOf(TaskFailedException.class, wrapped.getCause());
        assertThrownTo("getWrapsATaskFailureWithTheCallersStack", e);
        assertTheTasksOwnCause(e, "bad 4");
        ExecutionException again = assertThrows(ExecutionException.class,
                () -> result.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertThrownTo("getWrapsATaskFailureWithTheCallersStack", again.getCause());
    }

    @Test
    void applyThrowsAWorkerDeathWithTheCallersStack() {
        WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(PoolJobsTasks.halt(42)));
        assertThrownTo("applyThrowsAWorkerDeathWithTheCallersStack", e);
        assertEquals(42, e.exitCode());
        assertTrue(e.getMessage().contains("exit code 42"), e.getMessage());
        WorkerDiedException original = assertInstanceOf(WorkerDiedException.class, e.getCause());
        assertEquals(e.getMessage(), original.getMessage());
        assertEquals(42, original.exitCode());
    }

    @Test
    void joinWrapsATimeoutWithTheCallersStack() {
        AsyncResult<Integer> result = pool.applyAsync(PoolJobsTasks.sleepThenSquare(60_000, 1), Duration.ofMillis(200));
        CompletionException wrapped = assertThrows(CompletionException.class, result::join);
        TaskTimeoutException e = assertInstanceOf(TaskTimeoutException.class, wrapped.getCause());
        assertThrownTo("joinWrapsATimeoutWithTheCallersStack", e);
        assertEquals(Duration.ofMillis(200), e.timeout());
        assertSame(TaskTimeoutException.class, e.getCause().getClass());
    }
}
