package io.multiprocessing4j.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A chunk's frame is sized once for all its tasks, and not by its first task, which alone spells
 * out the method's names: a map of small tasks must not reserve several times the memory its
 * chunks need (every byte of which the JVM zeroes and the kernel maps).
 */
class ChunkSizingTest {

    @Test
    void aChunkOfSmallTasksReservesAboutWhatItNeeds() {
        int count = 10_000;
        TasksFrame frame = new TasksFrame(1, 0, count);
        for (int i = 0; i < count; i++) {
            frame.add(FramesTestDispatcher.work(null, i));
        }
        Encoder body = frame.encode();
        assertTrue(body.capacity() < body.size() * 5 / 4,
                "a frame of " + body.size() + " bytes holds a buffer of " + body.capacity());
        TasksFrame.Tasks tasks = TasksFrame.read(body.toByteArray()).tasks(getClass().getClassLoader());
        for (int i = 0; i < count; i++) {
            assertEquals(i, tasks.next().arguments[1]);
        }
    }
}
