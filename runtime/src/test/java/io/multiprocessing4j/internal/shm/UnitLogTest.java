package io.multiprocessing4j.internal.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.multiprocessing4j.internal.wire.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * What a chunk's log gives back is exactly the outcomes appended to it, whatever their lengths:
 * short ones are stored as whole 8-byte words, which must neither lose a byte nor let the zeros
 * after a piece show, also where the log grows.
 */
class UnitLogTest {

    @Test
    void theLogHoldsEachOutcomeExactlyAcrossLengthsAndGrowth() throws Exception {
        UnitLog log = UnitLog.create();
        log.begin(42);
        Encoder results = new Encoder();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int count = 0;
        // more than the log's first 64 KiB, in pieces of 1 to 19 bytes, so that word stores meet its end
        for (int total = 0; total < 200_000; count++) {
            int length = 1 + count % 19;
            byte[] piece = new byte[length];
            for (int i = 0; i < length; i++) {
                piece[i] = (byte) (count * 31 + i * 7 + 1);
            }
            int from = results.size();
            results.writeRaw(piece, 0, length);
            log.append(results, from, results.size());
            expected.write(piece, 0, length);
            total += length;
        }

        ByteBuffer body = UnitLog.takeFor(ProcessHandle.current().pid());

        assertNotNull(body);
        assertEquals(42, body.getLong());
        assertEquals(count, body.getInt());
        byte[] outcomes = new byte[body.remaining()];
        body.get(outcomes);
        assertArrayEquals(expected.toByteArray(), outcomes);
    }
}
