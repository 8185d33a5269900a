package io.multiprocessing4j.internal.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.internal.shm.Atomics;
import io.multiprocessing4j.internal.shm.Lease;
import io.multiprocessing4j.internal.shm.ProgramDirectory;
import io.multiprocessing4j.internal.shm.Segment;
import io.multiprocessing4j.internal.wire.Encoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ring of records in one JVM: order, wrapping, growing and shrinking, and sections cut short
 * by a death (a token without a lease stands for a process that has ended; the end-to-end tests
 * kill real ones).
 */
@Timeout(60)
class RecordRingTest {

    /** A token no process of this program holds a lease for. */
    private static final int DEAD = Lease.TOKEN_LIMIT - 1;
    private static final int BASE = 16;

    private static RecordRing ring(int initial) {
        return new RecordRing(Segment.create("test", BASE + RecordRing.BYTES), BASE, initial);
    }

    private static void append(RecordRing ring, byte[] record) {
        assertEquals(RecordRing.Append.DONE, ring.append(record, 0, record.length, 0));
    }

    private static byte[] remove(RecordRing ring) {
        return ring.remove(null);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** How many ring segments of this program exist now. */
    private static long ringFiles() throws IOException {
        try (Stream<Path> files = Files.list(ProgramDirectory.path())) {
            return files.filter(f -> f.getFileName().toString().startsWith("ring-")).count();
        }
    }

    @Test
    void recordsComeOutInOrderWhateverTheirSizesAsTheRingWrapsAndGrows() {
        RecordRing ring = ring(64);
        Deque<byte[]> expected = new ArrayDeque<>();
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            if (random.nextInt(3) > 0 || expected.isEmpty()) {
                byte[] record = bytes(random.nextInt(random.nextInt(10) == 0 ? 5000 : 40), round);
                append(ring, record);
                expected.add(record);
            } else {
                assertArrayEquals(expected.remove(), remove(ring), "record at round " + round);
            }
            assertEquals(expected.size(), ring.recordsNow());
        }
        while (!expected.isEmpty()) {
            assertArrayEquals(expected.remove(), remove(ring));
        }
        assertNull(remove(ring));
    }

    @Test
    void aRecordLargerThanTheRingGrowsItAndAnEmptyBigRingShrinksBack() throws IOException {
        RecordRing ring = ring(1024);
        append(ring, bytes(10, 1));
        long before = ringFiles();
        byte[] big = bytes(3 << 20, 2);
        append(ring, big);
        assertEquals(before, ringFiles(), "the old ring's file was deleted when the new one became current");
        assertArrayEquals(bytes(10, 1), remove(ring));
        assertArrayEquals(big, remove(ring));
        append(ring, bytes(100, 3)); // empty and 16 times too large: back to 1 KiB
        assertArrayEquals(bytes(100, 3), remove(ring));
        assertEquals(before, ringFiles());
    }

    @Test
    void aBoundedRingRefusesARecordBeyondItsCapacity() {
        RecordRing ring = ring(64);
        assertEquals(RecordRing.Append.DONE, ring.append(bytes(3, 1), 0, 3, 2));
        assertEquals(RecordRing.Append.DONE, ring.append(bytes(3, 2), 0, 3, 2));
        assertEquals(RecordRing.Append.FULL, ring.append(bytes(3, 3), 0, 3, 2));
        assertArrayEquals(bytes(3, 1), remove(ring));
        assertEquals(RecordRing.Append.DONE, ring.append(bytes(3, 3), 0, 3, 2));
        assertEquals(2, ring.recordsNow());
    }

    @Test
    void aRecordTooLargeForAnyRingIsRefusedAndTheRingStaysUsable() {
        RecordRing ring = ring(64);
        append(ring, bytes(5, 1));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ring.append(new byte[0], 0, RecordRing.MAX_RING, 0));
        assertTrue(refused.getMessage().contains("1 GiB"), refused.getMessage());
        append(ring, bytes(6, 2));
        assertArrayEquals(bytes(5, 1), remove(ring));
        assertArrayEquals(bytes(6, 2), remove(ring));
    }

    @Test
    void aLockLeftByADeadAppenderOrRemoverIsTakenOverAndNothingIsLost() {
        RecordRing ring = ring(64);
        append(ring, bytes(8, 1));
        Segment control = ring.control();
        // an appender "dies" holding its lock, after writing bytes into free room but before its
        // commit: the tail word is unchanged, so its record is not there
        Atomics.INT.setVolatile(control.buffer(), BASE, DEAD);
        long start = System.nanoTime();
        append(ring, bytes(8, 2));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 150 && millis < 5000, "the dead appender's lock was taken over after " + millis + " ms");
        // a remover "dies" holding its lock, having copied the first record but not moved the head
        Atomics.INT.setVolatile(control.buffer(), BASE + 32, DEAD);
        assertArrayEquals(bytes(8, 1), remove(ring), "the record it half took is still first");
        assertArrayEquals(bytes(8, 2), remove(ring));
        assertNull(remove(ring));
    }

    @Test
    void aDiscardedRingTakesNothingAndDeletesItsSegment() throws IOException {
        RecordRing ring = ring(64);
        append(ring, bytes(10, 1));
        long files = ringFiles();
        ring.discard();
        assertEquals(files - 1, ringFiles());
        assertEquals(RecordRing.Append.DISCARDED, ring.append(bytes(1, 1), 0, 1, 0));
        assertNull(ring.remove(null));
        assertEquals(0, ring.recordsNow());
        ring.discard();
    }

    @Test
    void rawAndEncodedRecordsAreToldApartAndTheWrongSortStays() {
        RecordRing ring = ring(64);
        append(ring, bytes(3, 1));
        Encoder message = new Encoder();
        message.writeValue("text");
        assertEquals(RecordRing.Append.DONE, ring.append(message, 0));
        assertSame(RecordRing.OTHER_SORT, ring.remove(false));
        assertArrayEquals(bytes(3, 1), ring.remove(true));
        assertSame(RecordRing.OTHER_SORT, ring.remove(true));
        assertEquals("text", Items.decode(ring.remove(false), "a test"));
        assertNull(ring.remove(null));
    }

    @Test
    void aSecondViewInAnotherThreadSeesTheRingMoveToANewSegment() throws Exception {
        RecordRing writer = ring(64);
        RecordRing reader = new RecordRing(writer.control(), BASE, 64);
        append(writer, bytes(10, 1));
        assertArrayEquals(bytes(10, 1), reader.remove(null));
        Thread other = new Thread(() -> append(writer, bytes(1000, 2)));
        other.start();
        other.join();
        assertArrayEquals(bytes(1000, 2), reader.remove(null));
    }
}
