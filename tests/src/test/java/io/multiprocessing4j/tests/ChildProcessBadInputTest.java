package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessStartException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Misuse gets a clear exception at once, and a failed start leaves nothing running. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildProcessBadInputTest {

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    private static void assertIllegalState(ChildProcess p, String call, Consumer<ChildProcess> misuse) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> misuse.accept(p), call);
        assertTrue(e.getMessage().contains(p.name()), call + ": the message must name " + p.name()
                + ": " + e.getMessage());
    }

    private static Set<Long> childPids() {
        return Support.nonSpareChildren();
    }

    @Test
    void startTwiceIsIllegal() {
        ChildProcess p = started.start(LifecycleWorkers.sleep(60_000).name("twice"));
        assertIllegalState(p, "start()", ChildProcess::start);
        assertTrue(p.isAlive(), "the failed second start() left the first child alone");
    }

    @Test
    void configuringAfterStartIsIllegal() {
        ChildProcess p = started.start(LifecycleWorkers.sleep(60_000).name("configured-late"));
        assertIllegalState(p, "name()", c -> c.name("other"));
        assertIllegalState(p, "daemon()", c -> c.daemon(true));
        assertIllegalState(p, "jvmOptions()", c -> c.jvmOptions("-Xmx64m"));
        assertEquals("configured-late", p.name());
        assertFalse(p.isDaemon());
    }

    @Test
    void configuringAfterExitIsStillIllegal() {
        ChildProcess p = started.start(LifecycleWorkers.returnNormally());
        p.join();
        assertIllegalState(p, "start()", ChildProcess::start);
        assertIllegalState(p, "name()", c -> c.name("other"));
    }

    @Test
    void waitingOnOrSignallingAnUnstartedProcessIsIllegal() {
        ChildProcess p = LifecycleWorkers.returnNormally().name("never-started");
        assertIllegalState(p, "pid()", ChildProcess::pid);
        assertIllegalState(p, "join()", ChildProcess::join);
        assertIllegalState(p, "join(Duration)", c -> c.join(Duration.ofSeconds(1)));
        assertIllegalState(p, "terminate()", ChildProcess::terminate);
        assertIllegalState(p, "kill()", ChildProcess::kill);
        assertFalse(p.isAlive());
        assertEquals(OptionalInt.empty(), p.exitCode());
    }

    @Test
    void zeroOrNegativeTimeoutsAreIllegalArguments() {
        ChildProcess unstarted = LifecycleWorkers.returnNormally();
        assertThrows(IllegalArgumentException.class, () -> unstarted.join(Duration.ZERO));
        ChildProcess p = started.start(LifecycleWorkers.sleep(60_000));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> p.join(Duration.ZERO));
        assertTrue(zero.getMessage().contains("positive"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.join(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> p.join(Duration.ofNanos(-1)));
        assertThrows(NullPointerException.class, () -> p.join(null));
        assertTrue(p.isAlive(), "a refused join() does not touch the child");
    }

    /**
     * Options the child JVM refuses: start() fails promptly with the JVM's own words, and no
     * process is left.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-XX:+NoSuchFlag|Unrecognized VM option 'NoSuchFlag'", "-Xmx1k|Too small"})
    void jvmOptionsThatStopTheJvmFailStartWithItsOwnErrorLine(String optionAndError) {
        String option = optionAndError.substring(0, optionAndError.indexOf('|'));
        String error = optionAndError.substring(optionAndError.indexOf('|') + 1);
        Set<Long> before = childPids();
        ChildProcess p = LifecycleWorkers.sleep(60_000).name("bad-options").jvmOptions(option);
        ProcessStartException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ProcessStartException.class, p::start));
        assertTrue(e.getMessage().contains(error), "the JVM's own error line is missing: " + e.getMessage());
        assertTrue(e.getMessage().contains("bad-options"), "the process is not named: " + e.getMessage());

        assertFalse(p.isAlive());
        assertFalse(Multiprocessing.activeChildren().contains(p));
        Set<Long> after = childPids();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "a failed start left child processes: " + after);
    }

    @Test
    void anArgumentThatCannotBeSerializedFailsStartNamingTheParameterAndTheClass() {
        Set<Long> before = childPids();
        Thread notSerializable = new Thread(() -> { }, "not-serializable");
        ChildProcess p = UnsendableWorkers.ship(3, new Unsendable.Holder("label", notSerializable)).name("unsendable");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        String message = e.getMessage();
        assertTrue(message.contains("parameter 2"), "the parameter's position is missing: " + message);
        // The processor's index lists erased parameter types, not names, so the parameter is
        // named by position and declared type.
        assertTrue(message.contains("(io.multiprocessing4j.tests.Unsendable.Holder)"),
                "the parameter's declared type is missing: " + message);
        assertTrue(message.contains("Unsendable.ship"), "the method is missing: " + message);
        assertTrue(message.contains("java.lang.Thread"), "the offending class is missing: " + message);
        assertTrue(message.contains(Unsendable.Holder.class.getName()), "the holding class is missing: " + message);

        assertFalse(p.isAlive());
        assertThrows(IllegalStateException.class, p::pid, "no process was started");
        List<?> active = Multiprocessing.activeChildren();
        assertFalse(active.contains(p), active.toString());
        Set<Long> after = childPids();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "a refused argument still started processes: " + after);
    }
}
