package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionClosedException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedQueue;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Pipe} and its {@link Connection}s between real processes: values and megabytes both ways,
 * and an end that belongs to the process it was sent to, whose closing, exit or death the other
 * end sees after the last message instead of hanging.
 */
@Timeout(180)
class PipeTest {

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    /** A record, to see one go through and come back equal. */
    record Point(int x, String label) {}

    @Test
    void valuesAndMegabytesGoBothWaysWholeAndInOrder() throws Exception {
        Pipe<Object> pipe = Pipe.create();
        ChildProcess echo = started.start(ChannelJobsWorkers.echo(pipe.right()));
        Connection<Object> left = pipe.left();
        assertFalse(left.poll(), "nothing sent yet");
        assertFalse(OnTime.assertOnTime("poll(100 ms)", 100, () -> left.poll(Duration.ofMillis(100))));
        List<Object> values = Arrays.asList(1, "two", 3.0, null, new Point(4, "four"), List.of(5, 6), Map.of("k", 7L),
                new int[] {8, 9});
        for (Object value : values) {
            left.send(value);
        }
        for (Object value : values) {
            Object back = left.recv();
            if (value instanceof int[]) {
                assertArrayEquals((int[]) value, (int[]) back);
            } else {
                assertEquals(value, back);
            }
        }
        byte[] megabytes = new byte[12 << 20];
        new Random(1).nextBytes(megabytes);
        left.sendBytes(megabytes);
        left.sendBytes(megabytes, 5, 1000);
        left.sendBytes(new byte[0]);
        assertTrue(left.poll(Duration.ofSeconds(30)));
        assertArrayEquals(megabytes, left.recvBytes());
        assertArrayEquals(Arrays.copyOfRange(megabytes, 5, 1005), left.recvBytes());
        assertArrayEquals(new byte[0], left.recvBytes());
        assertThrows(IndexOutOfBoundsException.class, () -> left.sendBytes(megabytes, megabytes.length, 1));
        for (int i = 0; i < 2000; i++) { // many small ones, in order
            left.send(i);
        }
        for (int i = 0; i < 2000; i++) {
            assertEquals(i, left.recv());
        }
        left.send("stop");
        assertEquals("stopped", left.recv());
        assertTrue(echo.join(Duration.ofSeconds(30)));
        assertEquals(OptionalInt.of(0), echo.exitCode());
    }

    @Test
    void queuesAndPipeEndsGoThroughAPipeAsHandles() throws Exception {
        Pipe<Object> pipe = Pipe.create();
        ChildProcess echo = started.start(ChannelJobsWorkers.echo(pipe.right()));
        Connection<Object> left = pipe.left();
        SharedQueue<Object> queue = SharedQueue.create();
        left.send(queue);
        @SuppressWarnings("unchecked")
        SharedQueue<Object> queueBack = (SharedQueue<Object>) left.recv();
        assertEquals(queue, queueBack);
        queueBack.put("same queue");
        assertEquals("same queue", queue.take());
        Pipe<Object> other = Pipe.create();
        left.send(other.right()); // to the child, which sends it back: this process owns it again
        @SuppressWarnings("unchecked")
        Connection<Object> endBack = (Connection<Object>) left.recv();
        assertEquals(other.right(), endBack);
        other.left().send("through the end that went and came back");
        assertEquals("through the end that went and came back", endBack.recv());
        other.right().send("and through the first object"); // the end is this process's again, whichever object
        assertEquals("and through the first object", other.left().recv());
        left.send("stop");
        assertEquals("stopped", left.recv());
        assertTrue(echo.join(Duration.ofSeconds(30)));
    }

    @Test
    void aMessageOfTheOtherSortStaysForTheRightMethod() {
        Pipe<Object> pipe = Pipe.create();
        pipe.left().sendBytes(new byte[] {1, 2});
        pipe.left().send("value");
        IllegalStateException wrongSort = assertThrows(IllegalStateException.class, pipe.right()::recv);
        assertTrue(wrongSort.getMessage().contains("recvBytes()"), wrongSort.getMessage());
        assertArrayEquals(new byte[] {1, 2}, pipe.right().recvBytes());
        assertThrows(IllegalStateException.class, pipe.right()::recvBytes);
        assertEquals("value", pipe.right().recv());
        IllegalArgumentException unsendable = assertThrows(IllegalArgumentException.class,
                () -> pipe.left().send(new Object()));
        assertTrue(unsendable.getMessage().contains("cannot send a java.lang.Object through a pipe"),
                unsendable.getMessage());
        assertFalse(pipe.right().poll(), "nothing of it was sent");
        pipe.right().send("back");
        assertEquals("back", pipe.left().recv());
        assertEquals("Connection[right, open, 0 messages waiting]", pipe.right().toString());
    }

    @Test
    void aChildThatClosesReturnsOrIsHaltedIsSeenAfterItsLastMessage() throws Exception {
        for (String how : List.of("close", "return", "halt")) {
            Pipe<Object> pipe = Pipe.create();
            ChildProcess child = started.start(ChannelJobsWorkers.sendThenEnd(pipe.right(), List.of("a", "b", "c"), how));
            Connection<Object> left = pipe.left();
            assertEquals("a", left.recv());
            assertEquals("b", left.recv());
            assertEquals("c", left.recv());
            long start = System.nanoTime();
            ConnectionClosedException closed = assertThrows(ConnectionClosedException.class, left::recv, how);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("after " + how + ": " + closed.getMessage() + " (" + millis + " ms)");
            String expected = how.equals("close") ? "closed by its owner (pid " + child.pid() + ")"
                    : "(pid " + child.pid() + ") has ended";
            assertTrue(closed.getMessage().contains(expected), closed.getMessage());
            assertTrue(left.poll());
            assertThrows(ConnectionClosedException.class, () -> left.send("too late"));
            assertTrue(child.join(Duration.ofSeconds(30)));
            left.close();
            assertThrows(ConnectionClosedException.class, left::recv);
            assertEquals("Connection[left, closed]", left.toString());
        }
    }

    @Test
    void theSendersObjectOfAnEndItHandedOverCanOnlyBeClosedWhichDoesNothing() throws Exception {
        Pipe<Object> pipe = Pipe.create();
        Connection<Object> right = pipe.right();
        ChildProcess echo = started.start(ChannelJobsWorkers.echo(right));
        right.close(); // Python's habit: close the parent's copy of the child's end
        assertTrue(right.toString().contains("sent to another process") || right.toString().contains("owned by another"),
                right.toString());
        IllegalStateException notHere = assertThrows(IllegalStateException.class, () -> right.send("x"));
        assertTrue(notHere.getMessage().contains("sent to another process") || notHere.getMessage().contains("belongs to"),
                notHere.getMessage());
        assertThrows(IllegalStateException.class, right::recv);
        assertThrows(IllegalStateException.class, right::poll);
        Connection<Object> left = pipe.left();
        left.send("still open");
        assertEquals("still open", left.recv(), "the child's end works: the parent's close did nothing");
        left.send("stop");
        assertEquals("stopped", left.recv());
        assertTrue(echo.join(Duration.ofSeconds(30)));
        ConnectionClosedException ended = assertThrows(ConnectionClosedException.class, left::recv);
        assertTrue(ended.getMessage().contains("has ended"), ended.getMessage());
    }

    @Test
    void endsTravelToPoolTasksOnQueuesAndBackAndAWholePipeToo() throws Exception {
        try (Pool pool = Pool.create(2)) {
            Pipe<Object> pipe = Pipe.create();
            Connection<Object> back = pool.apply(ChannelJobsTasks.helloAndReturn(pipe.right()));
            assertTrue(((String) pipe.left().recv()).startsWith("hello from "));
            back.send("the end came back"); // sent back: this process owns it again
            assertEquals("the end came back", pipe.left().recv());
            assertEquals(pipe.right(), back);

            Pipe<Object> third = Pipe.create();
            var receiving = pool.applyAsync(ChannelJobsTasks.receiveUntilClosed(third.right()));
            third.left().send("x");
            third.left().send(7);
            third.left().close();
            List<Object> got = receiving.get(30, TimeUnit.SECONDS);
            assertEquals(List.of("x", 7), got.subList(0, 2));
            assertTrue(((String) got.get(2)).contains("closed by its owner"), got.get(2).toString());

            assertEquals("whole", pool.apply(ChannelJobsTasks.throughWholePipe(Pipe.create(), "whole")));
        }
        SharedQueue<Connection<Object>> ends = SharedQueue.create();
        Pipe<Object> pipe = Pipe.create();
        ChildProcess child = started.start(ChannelJobsWorkers.sendThroughEndFromQueue(ends, "via a queue"));
        ends.put(pipe.right());
        assertEquals("via a queue", pipe.left().recv());
        assertThrows(ConnectionClosedException.class, pipe.left()::recv);
        assertTrue(child.join(Duration.ofSeconds(30)));
    }

    @Test
    void closingAnEndFromAnotherThreadEndsABlockedRecv() throws Exception {
        Pipe<Object> pipe = Pipe.create();
        Connection<Object> left = pipe.left();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long pid = ProcessHandle.current().pid();
        long[] tid = new long[1];
        Thread receiver = new Thread(() -> {
            tid[0] = Cpu.currentThreadId();
            try {
                left.recv();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        receiver.start();
        Support.awaitTrue("the receiver sleeps", Duration.ofSeconds(10), () -> tid[0] != 0 && Cpu.isSleeping(pid, tid[0]));
        receiver.interrupt(); // does not end the wait
        left.close();
        receiver.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(receiver.isAlive());
        assertTrue(failure.get() instanceof ConnectionClosedException, String.valueOf(failure.get()));
        assertTrue(failure.get().getMessage().contains("this end of the pipe is closed"), failure.get().getMessage());
        ConnectionClosedException other = assertThrows(ConnectionClosedException.class, pipe.right()::recv);
        assertTrue(other.getMessage().contains("closed by its owner"), other.getMessage());
    }
}
