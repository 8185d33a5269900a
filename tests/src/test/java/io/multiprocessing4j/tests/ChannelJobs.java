package io.multiprocessing4j.tests;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionClosedException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLongArray;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Bodies for the queue and pipe tests: each takes queues and pipe ends as ordinary arguments. */
public class ChannelJobs {

    /** The sentinel that tells a consumer to stop. */
    static final long STOP = -1;

    /** Puts {@code count} items {@code producer * 1_000_000_000 + i}, i from 0. */
    @Worker
    @PoolTask
    static void produce(SharedQueue<Long> queue, int producer, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            queue.put(producer * 1_000_000_000L + i);
        }
    }

    /** Takes items until the sentinel; returns them in the order taken. */
    @PoolTask
    static List<Long> consume(SharedQueue<Long> queue) throws InterruptedException {
        List<Long> taken = new ArrayList<>();
        for (long item; (item = queue.take()) != STOP; ) {
            taken.add(item);
        }
        return taken;
    }

    /** Takes {@code count} items and marks each done; returns how many it took. */
    @PoolTask
    static int takeAndMarkDone(SharedQueue<Object> queue, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            queue.take();
            queue.taskDone();
        }
        return count;
    }

    /** Takes one item, waiting at most {@code millis}; returns it or null. */
    @PoolTask
    static Object pollOne(SharedQueue<Object> queue, long millis) throws InterruptedException {
        return queue.poll(Duration.ofMillis(millis));
    }

    /** Puts {@code item} and returns. */
    @Worker
    @PoolTask
    static void putOne(SharedQueue<Object> queue, Object item) throws InterruptedException {
        queue.put(item);
    }

    /** Puts {@code item}, then ends its process at once: {@code exit}, {@code halt}, or {@code hang} (to be killed). */
    @Worker
    static void putThenDie(SharedQueue<Object> queue, Object item, SharedEvent put, String how)
            throws InterruptedException {
        queue.put(item);
        put.set();
        switch (how) {
            case "exit":
                System.exit(0);
                break;
            case "halt":
                Runtime.getRuntime().halt(0);
                break;
            default:
                Thread.sleep(600_000);
        }
    }

    /**
     * Takes every item of the queue it finds on {@code queues} (a queue of queues) and puts its
     * sum on the result queue that it finds there next.
     */
    @Worker
    static void sumFromQueueOnQueue(SharedQueue<SharedQueue<Long>> queues) throws InterruptedException {
        SharedQueue<Long> numbers = queues.take();
        SharedQueue<Long> result = queues.take();
        long sum = 0;
        for (long n; (n = numbers.take()) != STOP; ) {
            sum += n;
        }
        result.put(sum);
    }

    /**
     * An item of {@code bytes} bytes that says who made it and checks itself: producer, sequence,
     * then bytes that follow from both.
     */
    static byte[] bigItem(int producer, int sequence, int bytes) {
        byte[] item = new byte[bytes];
        ByteBuffer.wrap(item).putInt(producer).putInt(sequence);
        for (int i = 8; i < bytes; i++) {
            item[i] = (byte) (producer * 31 + sequence * 7 + i);
        }
        return item;
    }

    /** Whether {@link #bigItem} made this item whole. */
    static boolean isWhole(byte[] item) {
        ByteBuffer header = ByteBuffer.wrap(item);
        int producer = header.getInt();
        int sequence = header.getInt();
        for (int i = 8; i < item.length; i++) {
            if (item[i] != (byte) (producer * 31 + sequence * 7 + i)) {
                return false;
            }
        }
        return true;
    }

    /** Puts big self-checking items for ever, counting them in {@code put}: to be killed in the middle. */
    @Worker
    static void putBigForEver(SharedQueue<byte[]> queue, int producer, int bytes, SharedInt put)
            throws InterruptedException {
        for (int sequence = 0; ; sequence++) {
            queue.put(bigItem(producer, sequence, bytes));
            put.incrementAndGet();
        }
    }

    /**
     * Takes big items for ever, recording each one's sequence in {@code taken} (slot = how many it
     * took) after checking it is whole: to be killed in the middle.
     */
    @Worker
    static void takeBigForEver(SharedQueue<byte[]> queue, SharedLongArray taken, SharedInt count)
            throws InterruptedException {
        while (true) {
            byte[] item = queue.take();
            int sequence = ByteBuffer.wrap(item).getInt(4);
            taken.set(count.get(), isWhole(item) ? sequence : -2);
            count.incrementAndGet();
        }
    }

    /** Records its thread as the blocked-waiter tests want it, then takes one item. */
    @Worker
    static void blockOnTake(SharedQueue<Object> queue, SharedInt threadId) throws IOException, InterruptedException {
        threadId.set(Integer.parseInt(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString()));
        queue.take();
    }

    /** Records its thread, then receives one message. */
    @Worker
    static void blockOnRecv(Connection<Object> conn, SharedInt threadId) throws IOException {
        threadId.set(Integer.parseInt(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString()));
        conn.recv();
    }

    /** Sends back what it receives, values and bytes, until it receives "stop" (which it answers with "stopped"). */
    @Worker
    @PoolTask
    static void echo(Connection<Object> conn) {
        while (true) {
            if (conn.poll(Duration.ofSeconds(60))) {
                Object value;
                try {
                    value = conn.recv();
                } catch (IllegalStateException bytesNext) {
                    conn.sendBytes(conn.recvBytes());
                    continue;
                }
                if ("stop".equals(value)) {
                    conn.send("stopped");
                    return;
                }
                conn.send(value);
            }
        }
    }

    /**
     * Sends {@code messages}, then ends: {@code close}, {@code return} (without closing),
     * {@code halt}, or {@code hang}.
     */
    @Worker
    @PoolTask
    static void sendThenEnd(Connection<Object> conn, List<Object> messages, String how) throws InterruptedException {
        for (Object message : messages) {
            conn.send(message);
        }
        switch (how) {
            case "close":
                conn.close();
                break;
            case "halt":
                Runtime.getRuntime().halt(0);
                break;
            case "hang":
                Thread.sleep(600_000);
                break;
            default:
                break;
        }
    }

    /** Receives until the other end is closed; returns what it received and the exception's message. */
    @PoolTask
    static List<Object> receiveUntilClosed(Connection<Object> conn) {
        List<Object> received = new ArrayList<>();
        try {
            while (true) {
                received.add(conn.recv());
            }
        } catch (ConnectionClosedException e) {
            received.add(e.getMessage());
            return received;
        }
    }

    /** Says hello through the end it was given, and returns the end. */
    @PoolTask
    static Connection<Object> helloAndReturn(Connection<Object> conn) {
        conn.send("hello from " + ProcessHandle.current().pid());
        return conn;
    }

    /** Takes a pipe end from a queue and sends {@code message} through it, then closes it. */
    @Worker
    static void sendThroughEndFromQueue(SharedQueue<Connection<Object>> ends, Object message)
            throws InterruptedException {
        try (Connection<Object> conn = ends.take()) {
            conn.send(message);
        }
    }

    /** Receives both ends of a whole pipe and sends a message from one to the other; returns it. */
    @PoolTask
    static Object throughWholePipe(Pipe<Object> pipe, Object message) {
        pipe.left().send(message);
        return pipe.right().recv();
    }
}
