package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.WorkerDiedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large byte arrays each way: {@code apply} sends an argument from the caller's own array and a
 * worker sends a one-task result from the task's own array (no copy on either side; see
 * {@code Encoder.holdLargeArrays}), and a worker reads the next body of the same size into the
 * last one's array. The bytes must arrive intact at every size around the thresholds (64 KiB,
 * where arrays start to be held; 128 KiB, a socket transfer), and a worker that dies in the
 * middle of such a transfer fails only that task.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LargePayloadTest {

    private static final int[] SIZES = {0, 1, 65_535, 65_536, 65_537, 131_071, 131_072, 131_073, 1 << 20,
        (1 << 20) + 1, (8 << 20) + 3};

    @Test
    void bytesArriveIntactBothWaysAtEverySize() {
        try (Pool pool = Pool.create(1)) {
            for (int round = 0; round < 2; round++) { // the second round reads into given-back bodies
                for (int size : SIZES) {
                    byte[] sent = Payloads.bytes(size, size + round);
                    byte[] copy = sent.clone();
                    byte[] back = pool.apply(PayloadsTasks.reversed(sent));
                    byte[] expected = Payloads.bytes(size, size + round);
                    reverse(expected);
                    assertArrayEquals(expected, back, "reversed, " + size + " bytes");
                    assertArrayEquals(copy, sent, "the argument was changed, " + size + " bytes");
                    assertArrayEquals(Payloads.bytes(size, -size), pool.apply(PayloadsTasks.filled(size, -size)),
                            "a result of " + size + " bytes");
                }
            }
        }
    }

    /** {@code applyAsync} copies its arguments when called: a change made after it returns is not sent. */
    @Test
    void applyAsyncSendsTheArgumentAsItWasWhenCalled() throws Exception {
        try (Pool pool = Pool.create(1)) {
            AsyncResult<String> blocker = pool.applyAsync(PayloadsTasks.pidAndLength(new byte[3]));
            byte[] sent = Payloads.bytes(1 << 20, 5);
            AsyncResult<byte[]> later = pool.applyAsync(PayloadsTasks.reversed(sent));
            Arrays.fill(sent, (byte) 0);
            blocker.get(60, TimeUnit.SECONDS);
            byte[] expected = Payloads.bytes(1 << 20, 5);
            reverse(expected);
            assertArrayEquals(expected, later.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWorkerThatDiesWhileSendingALargeResultFailsOnlyThatTask() {
        try (Pool pool = Pool.create(1)) {
            WorkerDiedException e = assertThrows(WorkerDiedException.class,
                    () -> pool.apply(PayloadsTasks.haltWhileSending(256 << 20)));
            assertTrue(e.getMessage().contains("7"), e.getMessage());
            assertArrayEquals(Payloads.bytes(1 << 20, 9), pool.apply(PayloadsTasks.filled(1 << 20, 9)),
                    "the replacement worker takes the next task");
        }
    }

    /**
     * {@code kill -9} of a worker while it is reading a 256 MiB argument (it has read at least
     * 16 MiB, says {@code /proc/<pid>/io}): that apply fails, the next one runs.
     */
    @Test
    void aWorkerKilledWhileReadingALargeArgumentFailsOnlyThatTask() throws Exception {
        try (Pool pool = Pool.create(1)) {
            long pid = Long.parseLong(pool.apply(PayloadsTasks.pidAndLength(new byte[0])).split(" ")[0]);
            long before = bytesRead(pid);
            byte[] big = new byte[256 << 20];
            CompletableFuture<String> applied = CompletableFuture.supplyAsync(
                    () -> pool.apply(PayloadsTasks.pidAndLength(big)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (bytesRead(pid) - before < (16 << 20) && !applied.isDone()) {
                assertTrue(System.nanoTime() < deadline, "the worker did not read 16 MiB within 60 s");
                Thread.onSpinWait();
            }
            assertTrue(!applied.isDone(), "the transfer ended before the kill: " + applied.getNow(null));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Exception e = assertThrows(Exception.class, () -> applied.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof WorkerDiedException, String.valueOf(e.getCause()));
            String after = pool.apply(PayloadsTasks.pidAndLength(new byte[1 << 20]));
            assertEquals(" " + (1 << 20), after.substring(after.indexOf(' ')));
        }
    }

    /** The bytes {@code pid} has read so far ({@code rchar} of {@code /proc/<pid>/io}). */
    private static long bytesRead(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IOException("no rchar in /proc/" + pid + "/io");
    }

    private static void reverse(byte[] bytes) {
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
    }
}
