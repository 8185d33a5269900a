package io.multiprocessing4j.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chunk's tasks that repeat the method of the task before them, with int, long or double
 * arguments, are written and read by a shortcut ({@link Encoder#writeRepeatedTask},
 * {@link Decoder#readRepeatedArguments}); the bytes and the tasks read back must be exactly those
 * of the general path, for every shape of arguments around them.
 */
class RepeatedTasksTest {

    private static final List<Object[]> ARGUMENTS = List.of(
            new Object[] {1},
            new Object[] {2},
            new Object[] {Integer.MIN_VALUE},
            new Object[] {Long.MAX_VALUE, -0.0},
            new Object[] {Double.NaN, Long.MIN_VALUE, Integer.MAX_VALUE},
            new Object[] {},
            new Object[] {3, null},
            new Object[] {"text", 4},
            new Object[] {5},
            new Object[] {(short) 6},
            new Object[] {7L},
            new Object[] {8.5});

    @Test
    void repeatedTasksAreWrittenAndReadAsTheGeneralPathWritesAndReadsThem() {
        TasksFrame frame = new TasksFrame(1, 0, 2 * ARGUMENTS.size());
        for (int method = 0; method < 2; method++) { // the second method starts with a task in full again
            for (Object[] arguments : ARGUMENTS) {
                frame.add(FramesTestDispatcher.class, method, "Frames.work", arguments);
            }
        }
        byte[] shortcut = frame.encode().toByteArray();

        TasksFrame.Tasks read = TasksFrame.read(shortcut).tasks(WireTesting.LOADER);
        TasksFrame general = new TasksFrame(1, 0, 2 * ARGUMENTS.size());
        for (int method = 0; method < 2; method++) {
            for (Object[] arguments : ARGUMENTS) {
                TaskCodec.Call call = read.next();
                assertNull(call.undecodable);
                assertEquals(FramesTestDispatcher.class.getName(), call.target.dispatcher);
                assertEquals(method, call.target.method);
                assertEquals(arguments.length, call.arguments.length);
                for (int i = 0; i < arguments.length; i++) {
                    assertEquals(arguments[i] == null ? null : arguments[i].getClass(),
                            call.arguments[i] == null ? null : call.arguments[i].getClass());
                    assertEquals(arguments[i], call.arguments[i]);
                }
                general.add(call); // by the general path only
            }
        }
        assertArrayEquals(general.encode().toByteArray(), shortcut);
    }

    @Test
    void aTaskAfterOneWhoseArgumentCouldNotBeSentNamesItsMethodInFull() {
        TasksFrame frame = new TasksFrame(1, 0, 2);
        frame.add(FramesTestDispatcher.class, 0, "Frames.work", new Object[] {1});
        try {
            frame.add(FramesTestDispatcher.class, 0, "Frames.work", new Object[] {new Object()});
        } catch (IllegalArgumentException expected) {
            // the frame forgets the method it had written, as the bytes of the failed task go
        }
        frame.add(FramesTestDispatcher.class, 0, "Frames.work", new Object[] {2});

        TasksFrame.Tasks read = TasksFrame.read(frame.encode().toByteArray()).tasks(WireTesting.LOADER);
        TaskCodec.Call first = read.next();
        TaskCodec.Call second = read.next();
        assertEquals(1, first.arguments[0]);
        assertEquals(2, second.arguments[0]);
        assertSame(first.target, second.target);
    }
}
