package io.multiprocessing4j.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Segments in this JVM: two mappings of one name see the same bytes; bad names never reach a file. */
class SegmentTest {

    @Test
    void anOpenedSegmentSharesTheCreatorsBytes() {
        Segment created = Segment.create("test", 4096);
        Segment opened = Segment.open(created.name(), 4096);
        assertEquals(0, opened.buffer().getLong(8), "a new segment starts zeroed");
        created.buffer().putLong(8, 0x1234_5678_9abcL);
        assertEquals(0x1234_5678_9abcL, opened.buffer().getLong(8));
        assertEquals(4096, opened.size());
        created.delete();
    }

    @Test
    void theFileIsPrivateAndLivesInTheProgramDirectory() throws Exception {
        Segment segment = Segment.create("test", 64);
        Path file = ProgramDirectory.path().resolve(segment.name());
        assertTrue(Files.exists(file));
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(ProgramDirectory.path()));
        segment.delete();
        assertFalse(Files.exists(file));
    }

    @Test
    void aDeletedSegmentStaysMappedButCannotBeOpened() {
        Segment segment = Segment.create("test", 64);
        segment.delete();
        segment.buffer().putInt(0, 7);
        assertEquals(7, segment.buffer().getInt(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segment.open(segment.name(), 64));
        assertTrue(e.getMessage().contains("does not exist in this program"), e.getMessage());
    }

    @Test
    void forgedNamesNeverReachTheFileSystem() {
        for (String forged : new String[] {"../../etc/passwd", "test-1-2/../x", "", "TEST-1-2", "test-1",
                "test-1-2-3", "test-1-2\u0000", "x".repeat(17) + "-1-2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Segment.open(forged, 1),
                    forged);
            assertTrue(e.getMessage().contains("is not the name of a shared segment"), e.getMessage());
        }
    }

    @Test
    void aSegmentSmallerThanItsHandleSaysIsRefused() {
        Segment segment = Segment.create("test", 64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segment.open(segment.name(), 128));
        assertTrue(e.getMessage().contains("has 64 bytes, not the 128 expected"), e.getMessage());
        segment.delete();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Segment.create("Bad", 64));
        assertThrows(IllegalArgumentException.class, () -> Segment.create("test", 0));
        assertThrows(IllegalArgumentException.class, () -> Segment.create("test", -1));
    }
}
