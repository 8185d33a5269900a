package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.multiprocessing4j.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link OutputOnFailure} holds back what a passing test and its children print, and shows what a
 * failing one printed. Runs two sample test classes in a launcher of its own, with the listener,
 * and reads what reached the "console" (streams of this test's own).
 */
class OutputOnFailureTest {

    @Test
    void isRegisteredForEveryTestOfThisModule() {
        assertTrue(ServiceLoader.load(TestExecutionListener.class).stream()
                .anyMatch(provider -> provider.type() == OutputOnFailure.class),
                "OutputOnFailure is not listed in META-INF/services: the suite would print everything");
    }

    @Test
    @Timeout(120)
    void showsOnlyWhatFailingTestsAndTheirChildrenPrinted() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream consoleStream = new PrintStream(console, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        System.setOut(consoleStream);
        System.setErr(consoleStream);
        Samples.active = true;
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .addTestExecutionListeners(new OutputOnFailure(), summary)
                    .build());
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Samples.Passing.class), selectClass(Samples.Failing.class))
                    .build());
        } finally {
            Samples.active = false;
            System.setOut(out);
            System.setErr(err);
        }
        String shown = console.toString(StandardCharsets.UTF_8);

        TestExecutionSummary counts = summary.getSummary();
        assertEquals(1, counts.getTestsSucceededCount(), "the passing sample did not pass: " + failures(counts));
        assertEquals(1, counts.getTestsFailedCount(), "the failing sample did not fail: " + failures(counts));
        assertSame(out, System.out, "System.out was not given back");
        assertFalse(shown.contains("passing-"), "a passing test's output was shown:\n" + shown);
        assertTrue(shown.contains("Failing > fails() and its child processes printed (shown because it failed)"),
                "no header names the failing test:\n" + shown);
        for (String line : new String[] {"failing-parent-out", "failing-parent-err", "failing-child-0",
                "failing-child-err-1", "failing-child-end"}) {
            assertTrue(shown.contains(line), "the failing test's '" + line + "' was not shown:\n" + shown);
        }
        assertTrue(shown.indexOf("failing-parent-out") < shown.indexOf("failing-child-0")
                && shown.indexOf("failing-child-end") < shown.indexOf("failing-parent-err"),
                "the lines are not in the order they were written:\n" + shown);
    }

    private static String failures(TestExecutionSummary summary) {
        return summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .collect(Collectors.joining("; "));
    }

    /**
     * Test classes that only the launcher above runs: Surefire leaves nested classes alone, and
     * run any other way (an IDE's "run all") they are skipped.
     */
    static final class Samples {
        static volatile boolean active;

        private Samples() {}

        /** Prints, and its child prints, on both streams; the child's output has arrived when join returns. */
        static void printWithChild(String prefix) {
            System.out.println(prefix + "parent-out");
            ChildProcess child = LifecycleWorkers.print(prefix + "child-", 2).start();
            assertTrue(child.join(Duration.ofSeconds(60)), "the printing child did not exit");
            System.err.println(prefix + "parent-err");
        }

        static final class Passing {
            @Test
            void passes() {
                assumeTrue(active, "a sample for OutputOnFailureTest");
                printWithChild("passing-");
            }
        }

        static final class Failing {
            @Test
            void fails() {
                assumeTrue(active, "a sample for OutputOnFailureTest");
                printWithChild("failing-");
                fail("the sample fails on purpose");
            }
        }
    }
}
