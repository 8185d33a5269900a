package io.multiprocessing4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tutorial's shared-state, queue and pipe programs (issues 8 and 9), each run as a user runs
 * it, a JVM of its own with the examples' class path, print what the tutorial's Python prints
 * (Java's {@code true}/{@code false} and {@code null} for Python's {@code True}/{@code False}
 * and {@code None}). Lines written by different processes may come in any order, as in Python;
 * what one process prints comes in its order.
 */
@Timeout(180)
class ExamplesOutputTest {

    /** Runs {@code example}'s main in a fresh JVM; returns its standard output's lines, after it exited with 0. */
    private static List<String> run(Class<?> example) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), example.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), example.getSimpleName() + " did not end");
        assertEquals(0, process.exitValue(), example.getSimpleName() + " printed " + out);
        return out.lines().toList();
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    @Test
    void lockPrinterPrintsEachProcessesItemOnALineOfItsOwn() throws Exception {
        assertEquals(List.of("Proc-1 tango", "Proc-2 foxtrot", "Proc-3 10"), sorted(run(LockPrinter.class)));
    }

    @Test
    void eventWaitersPrintTheTutorialsLinesTheTimedWaiterGivingUpBeforeTheSet() throws Exception {
        List<String> lines = run(EventWaiters.class);
        assertEquals(sorted(List.of("main: waiting before calling Event.set()", "wait_for_event: starting",
                "wait_for_event_timeout: starting", "wait_for_event_timeout: e.is_set()-> false",
                "main: event is set", "wait_for_event: e.is_set()-> true")), sorted(lines), String.valueOf(lines));
        assertTrue(lines.indexOf("wait_for_event_timeout: e.is_set()-> false") < lines.indexOf("main: event is set")
                && lines.indexOf("main: event is set") < lines.indexOf("wait_for_event: e.is_set()-> true"),
                "nonblock gives up after 2 s, the event is set after 3 s, then block sees it: " + lines);
        assertTrue(lines.indexOf("wait_for_event: starting") < lines.indexOf("wait_for_event: e.is_set()-> true")
                && lines.indexOf("wait_for_event_timeout: starting") < lines.indexOf("wait_for_event_timeout: e.is_set()-> false"),
                String.valueOf(lines));
    }

    @Test
    void sharedValueArrayPrintsTheValuesBeforeAndAfterTheChild() throws Exception {
        assertEquals(List.of("Before: 0.0 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
                "After: 3.1415927 [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]"), run(SharedValueArray.class));
    }

    @Test
    void queueCreatorConsumerProcessesEveryItemUpToTheSentinel() throws Exception {
        List<String> lines = new ArrayList<>(run(QueueCreatorConsumer.class));
        assertTrue(lines.remove("Creating data and putting it on the queue"), String.valueOf(lines));
        assertEquals(List.of("data found to be processed: 5", "data processed: 10",
                "data found to be processed: 10", "data processed: 20",
                "data found to be processed: 13", "data processed: 26",
                "data found to be processed: -1", "data processed: -2"), lines);
    }

    @Test
    void pipeParentChildReceivesTheListThenSeesTheClosedEnd() throws Exception {
        assertEquals(List.of("[42, null, hello]", "then: the child's end is closed"), run(PipeParentChild.class));
    }
}
