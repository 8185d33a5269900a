package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.tests.Support.Capture;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exit codes, join, liveness and pid of real child JVMs, against Python's {@code Process}
 * semantics. A separate-thread timeout because {@code join()} is deliberately not interruptible.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildProcessLifecycleTest {

    /** Long enough that a child is certainly still running when the test looks at it. */
    private static final long LONG_SLEEP_MILLIS = 60_000;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    private static int joinedExitCode(ChildProcess p) {
        assertTrue(p.join(EXIT_WAIT), p + " did not exit");
        OptionalInt code = p.exitCode();
        assertTrue(code.isPresent(), p + " has exited but reports no exit code");
        return code.getAsInt();
    }

    @Test
    void returningExitsWithZero() {
        ChildProcess p = started.start(LifecycleWorkers.returnNormally());
        p.join();
        assertEquals(OptionalInt.of(0), p.exitCode());
        assertFalse(p.isAlive());
    }

    /** 200 and 143 are above 128, where a JVM killed by a signal lands; they stay what exit() said. */
    @ParameterizedTest
    @ValueSource(ints = {3, 200, 143, 255})
    void systemExitCodeIsKept(int code) {
        ChildProcess p = started.start(LifecycleWorkers.exitWith(code));
        assertEquals(code, joinedExitCode(p));
    }

    @Test
    void uncaughtExceptionExitsWithOneAndPrintsTheTraceOnTheParentsStderr() {
        String message = "boom-" + System.nanoTime();
        ChildProcess p;
        String err;
        try (Capture capture = Capture.stderr()) {
            p = started.start(LifecycleWorkers.throwUncaught(message).name("thrower"));
            p.join();
            err = capture.text();
        }
        assertEquals(OptionalInt.of(1), p.exitCode());
        assertTrue(err.contains("Process thrower:"), err);
        assertTrue(err.contains("java.lang.IllegalStateException: " + message), err);
        assertTrue(err.contains("at io.multiprocessing4j.tests.Lifecycle.throwUncaught("), err);
    }

    @Test
    void terminateGivesMinusFifteen() {
        ChildProcess p = started.start(LifecycleWorkers.sleep(LONG_SLEEP_MILLIS));
        assertTrue(p.isAlive());
        p.terminate();
        assertEquals(-15, joinedExitCode(p));
        assertFalse(p.isAlive());
        p.terminate(); // a no-op once it has exited
        assertEquals(OptionalInt.of(-15), p.exitCode());
    }

    @Test
    void killGivesMinusNine() {
        ChildProcess p = started.start(LifecycleWorkers.sleep(LONG_SLEEP_MILLIS));
        p.kill();
        assertEquals(-9, joinedExitCode(p));
        p.kill(); // a no-op once it has exited
        assertEquals(OptionalInt.of(-9), p.exitCode());
    }

    @Test
    void joinWithTimeoutIsFalseWhileRunningAndTrueAfter() {
        ChildProcess p = started.start(LifecycleWorkers.sleep(LONG_SLEEP_MILLIS));
        long before = System.nanoTime();
        assertFalse(p.join(Duration.ofMillis(200)));
        long waited = System.nanoTime() - before;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(190), "join(200 ms) returned after " + waited + " ns");
        assertTrue(p.isAlive());
        assertEquals(OptionalInt.empty(), p.exitCode());
        p.kill();
        assertTrue(p.join(EXIT_WAIT));
        assertTrue(p.join(Duration.ofMillis(1)), "join of an exited child is true at once");
        assertTrue(p.join(Duration.ofSeconds(Long.MAX_VALUE)), "a timeout too long for nanoseconds is fine");
        assertFalse(p.isAlive());
    }

    @Test
    void isAliveExitCodeAndPidFollowTheRealProcess() {
        ChildProcess p = LifecycleWorkers.sleep(LONG_SLEEP_MILLIS);
        assertFalse(p.isAlive(), "not started yet");
        assertEquals(OptionalInt.empty(), p.exitCode(), "not started yet");
        started.start(p);
        assertTrue(p.isAlive());
        assertEquals(OptionalInt.empty(), p.exitCode());

        ProcessHandle os = ProcessHandle.of(p.pid()).orElseThrow(
                () -> new AssertionError("no OS process with pid " + p.pid()));
        assertTrue(os.isAlive());
        assertEquals(ProcessHandle.current().pid(), os.parent().map(ProcessHandle::pid).orElse(-1L),
                "the child's OS parent is this JVM");
        os.info().commandLine().ifPresent(line -> assertTrue(
                line.contains("io.multiprocessing4j.internal.child.ChildMain"), line));

        p.kill();
        assertTrue(p.join(EXIT_WAIT));
        assertFalse(p.isAlive());
        Support.awaitGone(p.pid(), Duration.ofSeconds(5));
    }

    @Test
    void childStdoutAndStderrReachTheParentBeforeJoinReturns() {
        int lines = 500;
        String prefix = "out-" + System.nanoTime() + "-";
        String out;
        String err;
        try (Capture stdout = Capture.stdout(); Capture stderr = Capture.stderr()) {
            ChildProcess p = started.start(LifecycleWorkers.print(prefix, lines));
            p.join();
            out = stdout.text();
            err = stderr.text();
        }
        int at = -1;
        for (int i = 0; i < lines; i++) {
            int next = out.indexOf(prefix + i + System.lineSeparator(), at + 1);
            assertTrue(next > at, "line " + i + " missing or out of order on stdout");
            at = next;
            assertTrue(err.contains(prefix + "err-" + i + System.lineSeparator()), "line " + i + " missing on stderr");
        }
        assertFalse(out.contains(prefix + "err-"), "stderr leaked into stdout");
        assertTrue(out.contains(prefix + "end"), "the last, unterminated line is missing");
    }

    /**
     * A child that floods stdout right before it exits: join() still returns only once every byte
     * has reached this JVM's System.out, even when that stream is slow to take it (2 ms a write).
     */
    @ParameterizedTest
    @ValueSource(longs = {0, 2})
    void aFloodOfOutputJustBeforeExitIsCompleteWhenJoinReturns(long millisPerWrite) {
        int lines = 20_000;
        String prefix = "flood-" + System.nanoTime() + "-";
        String out;
        try (Capture stdout = Capture.stdoutOnly(millisPerWrite)) {
            ChildProcess p = started.start(LifecycleWorkers.flood(prefix, lines));
            p.join();
            out = stdout.text();
        }
        assertTrue(out.contains(prefix + (lines - 1) + " "), "the last full line is missing");
        assertTrue(out.contains(prefix + "end"), "the unterminated last line is missing");
    }

    @Test
    void currentProcessOfThisJvmIsMainProcess() {
        assertEquals("MainProcess", Multiprocessing.currentProcess().name());
        assertEquals(ProcessHandle.current().pid(), Multiprocessing.currentProcess().pid());
        assertTrue(Multiprocessing.parentProcess().isEmpty());
    }
}
