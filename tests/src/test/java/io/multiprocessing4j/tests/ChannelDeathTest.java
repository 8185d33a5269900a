package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionClosedException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLongArray;
import io.multiprocessing4j.SharedQueue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Producers and consumers killed with SIGKILL in the middle of their work: the queue stays whole
 * and usable, and blocked takers and receivers cost no CPU.
 */
@Timeout(240)
class ChannelDeathTest {

    /** Big enough that a put or a take spends most of its time copying, where the kills land. */
    private static final int ITEM_BYTES = 2 << 20;

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    @Test
    void producersKilledWhilePuttingLeaveEveryItemWholeAndTheBoundedQueueItsRoom() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create(3);
        Random random = new Random(42);
        Map<Integer, Integer> lastOfProducer = new HashMap<>();
        int taken = 0;
        for (int producer = 1; producer <= 4; producer++) {
            SharedInt put = SharedInt.create(0);
            ChildProcess doomed = started.start(ChannelJobsWorkers.putBigForEver(queue, producer, ITEM_BYTES, put));
            int target = 2 + random.nextInt(4);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // take while it puts, so that it is putting (not waiting for room) when it dies
            while (put.get() < target) {
                if (System.nanoTime() - deadline > 0) {
                    fail("producer " + producer + " put " + put.get() + " items in 60 s");
                }
                byte[] item = queue.poll(Duration.ofMillis(50));
                if (item != null) {
                    taken += check(item, lastOfProducer);
                }
            }
            doomed.kill();
            assertTrue(doomed.join(Duration.ofSeconds(30)));
            assertEquals(OptionalInt.of(-9), doomed.exitCode());
        }
        for (byte[] item; (item = queue.poll(Duration.ofMillis(200))) != null; ) {
            taken += check(item, lastOfProducer);
        }
        assertTrue(taken >= 8, "took " + taken + " items");
        assertTrue(queue.isEmpty());
        // the room of a put cut short is given back: all three places are free
        long start = System.nanoTime();
        assertTrue(queue.offer(new byte[] {1}, Duration.ofSeconds(10)), "the killed producers' lock was taken over");
        long firstPut = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("first put after the kills took " + firstPut + " ms");
        assertTrue(queue.offer(new byte[] {2}));
        assertTrue(queue.offer(new byte[] {3}));
        assertFalse(queue.offer(new byte[] {4}), "no more than three");
        assertArrayEquals(new byte[] {1}, queue.take());
        assertEquals(2, queue.size());
    }

    /** Checks a big item is whole and in its producer's order; returns 1. */
    private static int check(byte[] item, Map<Integer, Integer> lastOfProducer) {
        assertEquals(ITEM_BYTES, item.length);
        assertTrue(ChannelJobs.isWhole(item), "a torn item");
        ByteBuffer header = ByteBuffer.wrap(item);
        int producer = header.getInt();
        int sequence = header.getInt();
        Integer last = lastOfProducer.put(producer, sequence);
        assertEquals(last == null ? 0 : last + 1, sequence, "producer " + producer + "'s items, in order, none twice");
        return 1;
    }

    @Test
    void aConsumerKilledWhileTakingLosesAtMostTheItemItWasTaking() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create();
        int items = 40;
        for (int i = 0; i < items; i++) {
            queue.put(ChannelJobs.bigItem(7, i, ITEM_BYTES));
        }
        SharedLongArray taken = SharedLongArray.create(items);
        SharedInt count = SharedInt.create(0);
        ChildProcess doomed = started.start(ChannelJobsWorkers.takeBigForEver(queue, taken, count));
        int target = 5 + new Random(7).nextInt(20);
        Support.awaitTrue("the consumer has taken " + target, Duration.ofSeconds(60), () -> count.get() >= target);
        doomed.kill();
        assertTrue(doomed.join(Duration.ofSeconds(30)));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < count.get(); i++) {
            assertTrue(taken.get(i) >= 0, "the consumer took a torn item");
            assertTrue(seen.add(taken.get(i)));
        }
        long start = System.nanoTime();
        int rest = 0;
        for (byte[] item; (item = queue.poll(Duration.ofSeconds(1))) != null; rest++) {
            assertTrue(ChannelJobs.isWhole(item));
            assertTrue(seen.add((long) ByteBuffer.wrap(item).getInt(4)), "an item taken twice");
        }
        System.out.println("the rest taken " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                + " ms after the kill; consumer recorded " + count.get() + ", rest " + rest);
        int lost = items - seen.size();
        assertTrue(lost <= 1, lost + " items lost: more than the one the consumer may have had in hand");
        queue.put(ChannelJobs.bigItem(7, 99, 100));
        assertTrue(ChannelJobs.isWhole(queue.take()));
    }

    @Test
    void aThreadBlockedOnATakeOrARecvUsesNoCpu() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create();
        SharedInt thread = SharedInt.create(0);
        ChildProcess taker = started.start(ChannelJobsWorkers.blockOnTake(queue, thread));
        Support.awaitTrue("the taker sleeps", Duration.ofSeconds(30),
                () -> thread.get() != 0 && Cpu.isSleeping(taker.pid(), thread.get()));
        Cpu.assertIdle(taker.pid(), thread.get(), Duration.ofSeconds(3));
        queue.put("wake up");
        assertTrue(taker.join(Duration.ofSeconds(30)));
        assertEquals(OptionalInt.of(0), taker.exitCode());

        Pipe<Object> pipe = Pipe.create();
        SharedInt receiverThread = SharedInt.create(0);
        ChildProcess receiver = started.start(ChannelJobsWorkers.blockOnRecv(pipe.right(), receiverThread));
        Support.awaitTrue("the receiver sleeps", Duration.ofSeconds(30),
                () -> receiverThread.get() != 0 && Cpu.isSleeping(receiver.pid(), receiverThread.get()));
        Cpu.assertIdle(receiver.pid(), receiverThread.get(), Duration.ofSeconds(3));
        pipe.left().send("wake up");
        assertTrue(receiver.join(Duration.ofSeconds(30)));
        assertEquals(OptionalInt.of(0), receiver.exitCode());
    }

    @Test
    void aPipeWhosePeerIsKilledEndsABlockedRecvAfterTheLastMessage() throws Exception {
        Pipe<Object> pipe = Pipe.create();
        ChildProcess doomed = started.start(
                ChannelJobsWorkers.sendThenEnd(pipe.right(), List.of("one", "two"), "hang"));
        Connection<Object> left = pipe.left();
        assertEquals("one", left.recv());
        assertEquals("two", left.recv());
        long pid = ProcessHandle.current().pid();
        long tid = Cpu.currentThreadId();
        Thread killer = new Thread(() -> {
            Support.awaitTrue("the receiver sleeps", Duration.ofSeconds(10), () -> Cpu.isSleeping(pid, tid));
            doomed.kill();
        });
        killer.start();
        long start = System.nanoTime();
        ConnectionClosedException closed = assertThrows(ConnectionClosedException.class, left::recv);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        killer.join();
        System.out.println("recv ended " + millis + " ms after it began waiting for a peer that was killed");
        assertTrue(closed.getMessage().contains("pid " + doomed.pid()) && closed.getMessage().contains("has ended"),
                closed.getMessage());
        assertTrue(millis < 10_000, "recv ended after " + millis + " ms");
        assertThrows(ConnectionClosedException.class, () -> left.send("x"));
        assertTrue(left.poll(), "a closed peer: recv would not wait");
    }
}
