package io.multiprocessing4j.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedIntArray;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.WireException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handles on the wire: a shared object comes back as a view of the same segment, and a handle
 * that is forged, stale or corrupt is refused with a message that names what is wrong, before
 * anything is mapped that should not be.
 */
class HandlesTest {

    private static byte[] encode(Object value) {
        Encoder out = new Encoder();
        out.writeValue(value);
        return out.toByteArray();
    }

    private static Object decode(byte[] message) {
        return new Decoder(ByteBuffer.wrap(message), HandlesTest.class.getClassLoader()).readValue();
    }

    /** A handle message as the encoder writes it: the wire's tag, the kind, the segment's name. */
    private static byte[] handle(int kind, String name) {
        byte tag = encode(SharedInt.create(0))[0];
        Encoder out = new Encoder();
        out.writeByte(tag);
        out.writeByte(kind);
        out.writeString(name);
        return out.toByteArray();
    }

    private static String refusal(byte[] message) {
        return assertThrows(WireException.class, () -> decode(message)).getMessage();
    }

    @Test
    void aSharedObjectArrivesAsTheSameObject() {
        SharedLock lock = SharedLock.create();
        Object back = decode(encode(lock));
        assertEquals(lock, back);
        SharedIntArray array = SharedIntArray.of(1, 2, 3);
        List<?> inAList = (List<?>) decode(encode(List.of(array)));
        SharedIntArray arrayBack = (SharedIntArray) inAList.get(0);
        arrayBack.set(0, 42);
        assertEquals(42, array.get(0), "the same memory, not a copy");
    }

    @Test
    void everyViewOfALockInOneProcessAgreesOnItsOwner() {
        SharedLock lock = SharedLock.create();
        SharedLock view = (SharedLock) decode(encode(lock));
        lock.lock();
        assertTrue(view.isHeldByCurrentThread(), "a view that arrived later sees this thread's hold");
        view.unlock();
        assertTrue(!lock.isLocked());
    }

    @Test
    void aHandleOfAnotherKindIsRefusedNamingBoth() {
        SharedInt value = SharedInt.create(0);
        byte[] message = encode(value);
        message[1] = (byte) SharedKind.LOCK.id();
        String why = refusal(message);
        assertTrue(why.contains("a SharedLock handle names shared segment int-") && why.contains("which holds a SharedInt"),
                why);
    }

    @Test
    void anUnknownKindIsRefused() {
        String why = refusal(handle(63, "lock-1-1"));
        assertTrue(why.contains("unknown kind 63"), why);
    }

    @Test
    void aStaleOrForgedNameIsRefusedWithoutTouchingAnyOtherFile() {
        String stale = refusal(handle(SharedKind.LOCK.id(), "lock-ffffff-ffffff"));
        assertTrue(stale.contains("does not exist in this program"), stale);
        for (String forged : new String[] {"../../etc/passwd", "lock-1-1/../../x", "", "LOCK-1-1"}) {
            String why = refusal(handle(SharedKind.LOCK.id(), forged));
            assertTrue(why.contains("is not the name of a shared segment"), forged + ": " + why);
        }
    }

    /**
     * Issue 9: a queue, a pipe or a pipe's end whose program has ended (its segment is gone, or
     * was never this program's) fails at once, where it arrives, with a message that says so;
     * nothing waits for a peer that will never come.
     */
    @Test
    void aQueueOrPipeOfAProgramThatHasEndedFailsFastWhereItArrives() {
        for (SharedKind kind : new SharedKind[] {SharedKind.QUEUE, SharedKind.PIPE, SharedKind.PIPE_LEFT,
                SharedKind.PIPE_RIGHT}) {
            String name = kind.segmentKind() + "-ffffff-ffffff";
            long start = System.nanoTime();
            String why = refusal(handle(kind.id(), name));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(why.contains("shared segment " + name + " does not exist in this program"), kind + ": " + why);
            assertTrue(millis < 1000, kind + " refused after " + millis + " ms");
        }
    }

    @Test
    void aSegmentWithoutAHeaderOrTooSmallForItsHeaderIsRefused() {
        Segment bare = Segment.create("lock", 64);
        String why = refusal(handle(SharedKind.LOCK.id(), bare.name()));
        assertTrue(why.contains("does not hold a shared object"), why);

        Segment lying = Header.create(SharedKind.INT_ARRAY, 8, 1000);
        String small = refusal(handle(SharedKind.INT_ARRAY.id(), lying.name()));
        assertTrue(small.contains("says it holds a SharedIntArray of 1000 but has only"), small);
        for (int detail : new int[] {Integer.MAX_VALUE, -1}) {
            Segment absurd = Header.create(SharedKind.INT_ARRAY, 8, detail);
            String absurdWhy = refusal(handle(SharedKind.INT_ARRAY.id(), absurd.name()));
            assertTrue(absurdWhy.contains("says it holds a SharedIntArray of " + detail), absurdWhy);
        }
    }

    @Test
    void aTruncatedHandleIsRefused() {
        byte[] message = encode(SharedLock.create());
        for (int length = 1; length < message.length; length++) {
            byte[] cut = Arrays.copyOf(message, length);
            assertThrows(WireException.class, () -> decode(cut), "cut after " + length + " bytes");
        }
    }
}
