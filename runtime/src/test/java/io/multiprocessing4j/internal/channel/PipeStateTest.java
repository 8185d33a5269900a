package io.multiprocessing4j.internal.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ConnectionClosedException;
import io.multiprocessing4j.internal.shm.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipe's ends in one JVM: owners that are other processes are stood for by tokens without a
 * lease (a process that has ended); the end-to-end tests use real processes.
 */
@Timeout(60)
class PipeStateTest {

    /** A token no process of this program holds a lease for. */
    private static final int DEAD = Lease.TOKEN_LIMIT - 2;

    @Test
    void anEndWhoseOwnerDiedIsClosedAfterWhatItSentIsReceived() {
        PipeState pipe = PipeState.create();
        PipeEnd left = pipe.end(0);
        PipeEnd right = pipe.end(1);
        right.sendValue("last words");
        assertTrue(pipe.compareAndSet(1, Lease.token(), DEAD), "the right end now belongs to a process that died");
        assertEquals("last words", left.receiveValue());
        long start = System.nanoTime();
        ConnectionClosedException closed = assertThrows(ConnectionClosedException.class, left::receiveValue);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closed.getMessage().contains("has ended"), closed.getMessage());
        assertTrue(millis < 2000, "found dead after " + millis + " ms");
        assertEquals(PipeEnd.Standing.CLOSED, right.standing());
        assertThrows(ConnectionClosedException.class, () -> left.sendValue("x"));
    }

    @Test
    void anEndHandedOverCanOnlyBeClosedWhichDoesNothingUntilItIsReceivedBack() {
        PipeState pipe = PipeState.create();
        PipeEnd right = pipe.end(1);
        right.handOver();
        assertEquals(PipeEnd.Standing.SENT, right.standing());
        right.close();
        assertEquals(PipeEnd.Standing.SENT, right.standing(), "close of a sent end does nothing");
        IllegalStateException sent = assertThrows(IllegalStateException.class, () -> right.sendValue(1));
        assertTrue(sent.getMessage().contains("was sent to another process"), sent.getMessage());
        right.claim(); // received back by this process
        assertEquals(PipeEnd.Standing.OWNED, right.standing());
        right.sendValue(2);
        assertEquals(2, pipe.end(0).receiveValue());
    }

    @Test
    void anEndInTransitFromAProcessThatDiedArrivesClosed() {
        PipeState pipe = PipeState.create();
        assertTrue(pipe.compareAndSet(1, Lease.token(), DEAD | PipeState.IN_TRANSIT));
        PipeEnd right = pipe.end(1);
        right.claim();
        assertEquals(PipeEnd.Standing.CLOSED, right.standing());
        ConnectionClosedException closed = assertThrows(ConnectionClosedException.class, () -> right.sendValue(1));
        assertTrue(closed.getMessage().contains("this end of the pipe is closed"), closed.getMessage());
        assertThrows(ConnectionClosedException.class, pipe.end(0)::receiveValue);
    }

    @Test
    void anEndAnotherProcessTookIsRefusedHereAndPipesOwnedElsewhereAreSweptOut() {
        List<PipeState> given = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            PipeState pipe = PipeState.create();
            // both ends received by another process
            pipe.compareAndSet(0, Lease.token(), DEAD);
            pipe.compareAndSet(1, Lease.token(), DEAD);
            given.add(pipe);
        }
        assertTrue(OwnedEnds.registered() < 600, OwnedEnds.registered() + " pipes still registered");
        IllegalStateException elsewhere = assertThrows(IllegalStateException.class, () -> given.get(0).end(0).poll(0));
        assertTrue(elsewhere.getMessage().contains("belongs to another process"), elsewhere.getMessage());
    }
}
