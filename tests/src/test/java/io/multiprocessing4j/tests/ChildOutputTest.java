package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.ReplacementReason;
import io.multiprocessing4j.WorkerDiedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, item 4: a worker's lines can carry its name, and a worker that dies before it is ready
 * leaves its last words on stderr in the exception; with real worker JVMs.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildOutputTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** This JVM's stdout and stderr, captured while open; the runtime copies children's output there. */
    private static final class Captured implements AutoCloseable {
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Captured() {
            PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            out.print(text());
        }
    }

    @Test
    void withPrefixOutputEveryLineCarriesTheWorkersNameEvenWhenWrittenInPieces() {
        try (Captured captured = new Captured(); StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).prefixOutput(true).initializer(started.initializer()));
            // stdout and stderr are two pipes, each copied by its own thread: a line on stderr may
            // land between two pieces of a stdout line that arrive later, so it goes first and is
            // seen before the pieces are written
            pool.apply(OutputJobsTasks.print("on stderr\n", true));
            Support.awaitTrue("the stderr line copied", WAIT, () -> captured.text().contains("on stderr\n"));
            pool.apply(OutputJobsTasks.print("one\ntwo\nhalf", false));
            pool.apply(OutputJobsTasks.print(" a line\n", false));
            StartedWorkers.closeWithin(pool, WAIT);
            String text = captured.text().replace(System.lineSeparator(), "\n");
            assertTrue(text.contains("[PoolWorker-1] one\n[PoolWorker-1] two\n[PoolWorker-1] half a line\n"), text);
            assertTrue(text.contains("[PoolWorker-1] on stderr\n"), text);
        }
    }

    @Test
    void withoutItTheLinesAreTheWorkersOwn() {
        try (Captured captured = new Captured(); StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(1).initializer(started.initializer()));
            pool.apply(OutputJobsTasks.print("plain line 71\n", false));
            StartedWorkers.closeWithin(pool, WAIT);
            String text = captured.text();
            assertTrue(text.contains("plain line 71"), text);
            assertTrue(!text.contains("] plain line 71"), text);
        }
    }

    @Test
    void anInitialWorkerJvmThatCannotStartFailsBuildQuotingItsOwnWords() {
        try (Captured captured = new Captured()) {
            ProcessStartException e = assertThrows(ProcessStartException.class,
                    () -> Pool.builder().processes(2).prefixOutput(true).jvmOptions("-XX:+NoSuchFlag").build());
            assertTrue(e.getMessage().contains("PoolWorker-"), e.getMessage());
            assertTrue(e.getMessage().contains("Unrecognized VM option 'NoSuchFlag'"), e.getMessage());
            assertTrue(!e.getMessage().contains("[PoolWorker"), "the last words are the child's own: " + e.getMessage());
            assertTrue(captured.text().contains("Unrecognized VM option 'NoSuchFlag'"),
                    "and they went to this JVM's stderr too: " + captured.text());
        }
    }

    @Test
    void workersThatDieBeforeTheyAreReadyLeaveTheirLastWordsInTheExceptionAndTheLog() {
        try (Captured captured = new Captured(); PoolLog log = new PoolLog()) {
            Pool pool = Pool.builder().processes(1).prefixOutput(true)
                    .initializer(OutputJobsTasks.complainAndExit("no such file /etc/app.conf", 3)).build();
            try {
                Object outcome = Outcome.of(pool.applyAsync(PoolJobsTasks.square(2)), WAIT, "a task of a pool that cannot start");
                WorkerDiedException e = assertInstanceOf(WorkerDiedException.class, outcome, "it came to " + outcome);
                assertTrue(e.getMessage().contains("died before they were ready"), e.getMessage());
                assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
                assertTrue(e.getMessage().contains("config error: no such file /etc/app.conf"), e.getMessage());
                assertTrue(!e.getMessage().contains("[PoolWorker"), "the last words are the child's own: " + e.getMessage());
                log.await(Level.WARNING, WAIT, "PoolWorker-1", "reason died", "before it was ready",
                        "config error: no such file /etc/app.conf");
                log.await(Level.WARNING, WAIT, "stopped replacing its workers");
                assertEquals(3, pool.stats().workersReplaced(ReplacementReason.DIED), pool.stats().toString());
                assertTrue(captured.text().contains("[PoolWorker-2] config error: no such file"), captured.text());
            } finally {
                pool.terminate();
            }
        }
    }
}
