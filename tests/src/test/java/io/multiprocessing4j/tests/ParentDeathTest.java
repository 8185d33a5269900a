package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parent JVM of its own ({@link OrphaningParent}) starts a child; then the parent dies or exits,
 * and the child must follow Python's rules, and never outlive it: gone within 2 s of a
 * {@code kill -9} (even when a shutdown hook of its own hangs), terminated at exit when a daemon,
 * waited for when not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParentDeathTest {

    /** A JVM boots in well under a second here; the margin is for a loaded machine. */
    private static final Duration BOOT = Duration.ofSeconds(20);
    private static final Duration ORPHAN_DEADLINE = Duration.ofSeconds(2);

    private final List<Parent> parents = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (Parent parent : parents) {
            parent.process.destroyForcibly();
            if (parent.childPid > 0) {
                ProcessHandle.of(parent.childPid).ifPresent(ProcessHandle::destroyForcibly);
            }
            try {
                parent.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A parent killed with SIGKILL cannot delete its argument file; the next parent to start
            // would sweep it, but the test removes its own litter.
            for (Path argFile : Support.argFiles(parent.process.pid())) {
                Files.deleteIfExists(argFile);
            }
        }
    }

    /** A running {@link OrphaningParent} and the lines it has printed (stdout and stderr merged). */
    private static final class Parent {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        /** Put in {@link #lines} once the output has been read to its end; compared by identity. */
        @SuppressWarnings("StringOperationCanBeSimplified")
        private static final String END = new String("<end of output>");
        long childPid = -1;

        Parent(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the parent is gone
                } finally {
                    lines.add(END);
                }
            }, "parent-" + process.pid() + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line starting with {@code prefix}; returns it. */
        String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line == END) {
                    if (line == END) {
                        lines.add(END);
                    }
                    fail("the parent JVM did not print \"" + prefix + "...\" within " + timeout.toMillis()
                            + " ms (or its output ended); alive=" + process.isAlive() + ", it printed: " + seen);
                }
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        /** Everything printed, read to the end of the output; call once the parent has exited. */
        List<String> allLines() throws InterruptedException {
            while (true) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                if (line == null) {
                    fail("the parent's output did not end; it printed: " + seen);
                }
                if (line == END) {
                    lines.add(END);
                    return seen;
                }
                seen.add(line);
            }
        }

        void awaitExit(Duration timeout) throws InterruptedException {
            assertTrue(process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS),
                    "the parent JVM did not exit within " + timeout.toMillis() + " ms; it printed: " + seen);
        }
    }

    private Parent startParent(String mode) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java,
                "-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"),
                OrphaningParent.class.getName(), mode);
        builder.redirectErrorStream(true);
        Parent parent = new Parent(builder.start());
        parents.add(parent);
        String line = parent.awaitLine(OrphaningParent.CHILD_PID, BOOT);
        parent.childPid = Long.parseLong(line.substring(OrphaningParent.CHILD_PID.length()).trim());
        ProcessHandle child = ProcessHandle.of(parent.childPid).orElseThrow(
                () -> new AssertionError("the child " + parent.childPid + " is not running"));
        assertEquals(parent.process.pid(), child.parent().map(ProcessHandle::pid).orElse(-1L),
                "the child's OS parent is the parent JVM");
        return parent;
    }

    @ParameterizedTest
    @ValueSource(strings = {"wait", "wait-stuck-hook"})
    void childIsGoneWithinTwoSecondsOfItsParentsSigkill(String mode) throws Exception {
        Parent parent = startParent(mode);
        assertFalse(Support.argFiles(parent.process.pid()).isEmpty(),
                "the running parent has an argument file for its children");
        long killedAt = System.nanoTime();
        parent.process.destroyForcibly();
        parent.awaitExit(Duration.ofSeconds(10));
        assertEquals(128 + 9, parent.process.exitValue(), "the parent died of SIGKILL");

        Support.awaitGone(parent.childPid, ORPHAN_DEADLINE);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertTrue(tookMillis <= ORPHAN_DEADLINE.toMillis(), "the orphan took " + tookMillis + " ms to go");
        assertFalse(parent.allLines().contains(OrphaningParent.CHILD_FINISHED));
    }

    @Test
    void daemonChildIsTerminatedWhenItsParentExitsNormally() throws Exception {
        Parent parent = startParent("daemon");
        // Only now may main return: its exit terminates the child at once, and startParent has
        // to find the child running first. (It used to race: a test thread held up for the
        // 125 to 350 ms the child then lived found it gone, "the child ... is not running".)
        parent.process.getOutputStream().close();
        parent.awaitLine(OrphaningParent.MAIN_RETURNS, BOOT);
        // The child sleeps for minutes: the parent exits without waiting for it.
        parent.awaitExit(Duration.ofSeconds(10));
        assertEquals(0, parent.process.exitValue(), "the parent's exit code; it printed: " + parent.seen);
        Support.awaitGone(parent.childPid, ORPHAN_DEADLINE);
        assertFalse(parent.allLines().contains(OrphaningParent.CHILD_FINISHED), parent.seen.toString());
        assertEquals(List.of(), Support.argFiles(parent.process.pid()), "the argument file outlived its parent");
    }

    @Test
    void nonDaemonChildIsWaitedForAfterMainReturns() throws Exception {
        Parent parent = startParent("non-daemon");
        parent.awaitLine(OrphaningParent.MAIN_RETURNS, BOOT);
        assertTrue(parent.process.isAlive(), "main has returned, but the parent waits for its child");
        assertFalse(Support.argFiles(parent.process.pid()).isEmpty(),
                "the running parent has an argument file for its children");

        parent.awaitLine(OrphaningParent.CHILD_FINISHED, Duration.ofSeconds(20));
        parent.awaitExit(Duration.ofSeconds(20));
        // The parent's pump copied the child's last line, so it outlived the child's work; and it
        // reaps the child before it exits, so the child is gone the moment the parent is.
        assertTrue(Support.hasExited(parent.childPid), "the child outlived its parent");
        assertEquals(0, parent.process.exitValue(), "the parent's exit code; it printed: " + parent.seen);
        assertEquals(List.of(), Support.argFiles(parent.process.pid()), "the argument file outlived its parent");
    }
}
