package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SharedQueue} between real processes: order, exactly-once delivery, bounds, tasks, sizes. */
@Timeout(180)
class SharedQueueTest {

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    @Test
    void manyProducersAndConsumersInSeveralProcessesTakeEachItemOnceInEachProducersOrder() throws Exception {
        SharedQueue<Long> queue = SharedQueue.create();
        int producers = 3;
        int perProducer = 20_000;
        List<List<Long>> takenByEach = new ArrayList<>();
        try (Pool pool = Pool.create(4)) {
            List<AsyncResult<List<Long>>> consumers = List.of(pool.applyAsync(ChannelJobsTasks.consume(queue)),
                    pool.applyAsync(ChannelJobsTasks.consume(queue)));
            List<ChildProcess> making = new ArrayList<>();
            for (int p = 1; p < producers; p++) {
                making.add(started.start(ChannelJobsWorkers.produce(queue, p, perProducer)));
            }
            ChannelJobs.produce(queue, 0, perProducer); // this process is a producer too
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 1000; i++) { // and a consumer
                mine.add(queue.take());
            }
            takenByEach.add(mine);
            for (ChildProcess producer : making) {
                assertTrue(producer.join(Duration.ofSeconds(60)));
                assertEquals(OptionalInt.of(0), producer.exitCode());
            }
            queue.put(ChannelJobs.STOP);
            queue.put(ChannelJobs.STOP);
            for (AsyncResult<List<Long>> consumer : consumers) {
                takenByEach.add(consumer.get(60, TimeUnit.SECONDS));
            }
        }
        Set<Long> all = new HashSet<>();
        for (List<Long> taken : takenByEach) {
            Map<Long, Long> lastOfProducer = new HashMap<>();
            for (long item : taken) {
                assertTrue(all.add(item), item + " was taken twice");
                long producer = item / 1_000_000_000L;
                Long last = lastOfProducer.put(producer, item);
                assertTrue(last == null || last < item, "producer " + producer + "'s " + item + " came after " + last);
            }
        }
        assertEquals(producers * perProducer, all.size(), "every item was taken");
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
    }

    @Test
    void anUnboundedQueueHoldsFarMoreThanItsFirstBufferAndMegabyteItems() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create();
        int small = 300_000; // about 2.7 MB encoded: ten times the first buffer
        for (int i = 0; i < small; i++) {
            queue.put(i);
        }
        List<byte[]> big = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] item = ChannelJobs.bigItem(9, i, 8 << 20);
            big.add(item);
            queue.put(item);
        }
        assertEquals(small + 5, queue.size());
        try (Pool pool = Pool.create(1)) {
            assertEquals(0, pool.apply(ChannelJobsTasks.pollOne(queue, 1000)), "another process takes the first");
        }
        for (int i = 1; i < small; i++) {
            assertEquals(i, queue.poll());
        }
        for (byte[] item : big) {
            assertArrayEquals(item, (byte[]) queue.poll());
        }
        assertNull(queue.poll());
        queue.put("small again"); // an empty, grown queue goes back to its first buffer
        assertEquals("small again", queue.take());
    }

    @Test
    void aBoundedQueueMakesPutsWaitForRoomAndOffersGiveUp() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create(2);
        assertTrue(queue.offer("a"));
        queue.put("b");
        assertFalse(queue.offer("c"), "full");
        assertFalse(OnTime.assertOnTime("offer(150 ms)", 150, () -> queue.offer("c", Duration.ofMillis(150))));
        assertEquals("SharedQueue[2 items of at most 2, 2 unfinished]", queue.toString());
        try (Pool pool = Pool.create(1)) {
            AsyncResult<Object> taker = pool.applyAsync(ChannelJobsTasks.pollOne(queue, 30_000));
            queue.put("c"); // waits until the pool's worker has taken "a"
            assertEquals("a", taker.get(30, TimeUnit.SECONDS));
        }
        assertEquals(2, queue.size());
        assertEquals("b", queue.take());
        assertEquals("c", queue.take());
        assertThrows(IllegalArgumentException.class, () -> SharedQueue.create(0));
        assertThrows(IllegalArgumentException.class, () -> SharedQueue.create(-5));
    }

    @Test
    void aTimedPollReturnsNullOnTimeAndAnInterruptEndsAWait() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create();
        queue.poll(Duration.ofMillis(10)); // the first wait of a process starts its native support
        for (long millis : new long[] {0, 30, 200}) {
            assertNull(OnTime.assertOnTime("poll(" + millis + " ms)", millis, () -> queue.poll(Duration.ofMillis(millis))));
        }
        assertNull(queue.poll());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, queue::take);
        assertFalse(Thread.interrupted());
        Thread waiter = Thread.currentThread();
        long pid = ProcessHandle.current().pid();
        long tid = Cpu.currentThreadId();
        Thread interrupter = new Thread(() -> {
            Support.awaitTrue("the taker sleeps", Duration.ofSeconds(10), () -> Cpu.isSleeping(pid, tid));
            waiter.interrupt();
        });
        interrupter.start();
        long start = System.nanoTime();
        assertThrows(InterruptedException.class, () -> queue.poll(Duration.ofSeconds(30)));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 10);
        interrupter.join();
        queue.put("still works");
        assertEquals("still works", queue.take());
    }

    @Test
    void tasksMarkedDoneInOtherProcessesEndAJoinAndTooManyAreRefused() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create();
        assertTrue(queue.join(Duration.ZERO), "nothing put: nothing to wait for");
        for (int i = 0; i < 6; i++) {
            queue.put(i);
        }
        assertFalse(queue.join(Duration.ofMillis(100)), "six unfinished");
        try (Pool pool = Pool.create(2)) {
            AsyncResult<Integer> first = pool.applyAsync(ChannelJobsTasks.takeAndMarkDone(queue, 3));
            AsyncResult<Integer> second = pool.applyAsync(ChannelJobsTasks.takeAndMarkDone(queue, 3));
            queue.join();
            assertEquals(3, first.get(30, TimeUnit.SECONDS));
            assertEquals(3, second.get(30, TimeUnit.SECONDS));
        }
        assertTrue(queue.isEmpty());
        IllegalStateException tooMany = assertThrows(IllegalStateException.class, queue::taskDone);
        assertTrue(tooMany.getMessage().contains("more times than items were put"), tooMany.getMessage());
        queue.put("next");
        assertEquals("SharedQueue[1 item, 1 unfinished]", queue.toString());
        queue.take();
        queue.taskDone();
        assertTrue(queue.join(Duration.ZERO));
    }

    @Test
    void anItemThatCannotBeEncodedFailsItsPutWithItsTypeAndTheQueueStaysUsable() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create(3);
        queue.put("before");
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> queue.put(new Object()));
        assertTrue(plain.getMessage().contains("cannot put a java.lang.Object on a SharedQueue"), plain.getMessage());
        List<Object> holdsAThread = new ArrayList<>(List.of("fine", Thread.currentThread()));
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class, () -> queue.offer(holdsAThread));
        assertTrue(nested.getMessage().contains("java.util.ArrayList") && nested.getMessage().contains("[1]")
                && nested.getMessage().contains("java.lang.Thread"), nested.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class, () -> queue.put(null));
        assertTrue(none.getMessage().contains("sentinel"), none.getMessage());
        assertEquals(1, queue.size(), "nothing of the failed puts is in the queue");
        assertEquals("SharedQueue[1 item of at most 3, 1 unfinished]", queue.toString(), "nor counted unfinished");
        queue.put("after");
        try (Pool pool = Pool.create(1)) {
            assertEquals("before", pool.apply(ChannelJobsTasks.pollOne(queue, 1000)));
            assertEquals("after", pool.apply(ChannelJobsTasks.pollOne(queue, 1000)));
        }
    }

    /** A serializable chain, one level deeper in the serialized graph per link. */
    static final class Link implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final Link next;

        Link(Link next) {
            this.next = next;
        }
    }

    /**
     * An item is decoded behind the wire's serialization filter where it is taken: one the filter
     * refuses (a graph deeper than its limit) fails that take, in another process, with a message
     * that says why, is dropped, and the items behind it are taken as usual.
     */
    @Test
    void anItemTheFilterRefusesFailsItsTakeWhereItIsTakenAndTheQueueStaysUsable() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create();
        Link deep = null;
        for (int i = 0; i < 1000; i++) {
            deep = new Link(deep);
        }
        queue.put(deep); // encoding has no depth limit: only a reader decides what it accepts
        queue.put("behind it");
        try (Pool pool = Pool.create(1)) {
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> pool.applyAsync(ChannelJobsTasks.pollOne(queue, 10_000)).get(60, TimeUnit.SECONDS));
            Throwable cause = failed.getCause().getCause();
            assertTrue(cause instanceof IllegalStateException, String.valueOf(cause));
            assertTrue(cause.getMessage().contains("cannot be decoded in this process, and is dropped")
                    && cause.getMessage().contains("REJECTED"), cause.getMessage());
            assertEquals("behind it", pool.apply(ChannelJobsTasks.pollOne(queue, 10_000)));
        }
        assertTrue(queue.isEmpty());
    }

    @Test
    void anItemPutIsThereEvenIfItsProcessEndsTheNextMoment() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create();
        for (String how : List.of("exit", "halt", "hang")) {
            SharedEvent put = SharedEvent.create();
            ChildProcess child = started.start(ChannelJobsWorkers.putThenDie(queue, "put before " + how, put, how));
            assertTrue(put.await(Duration.ofSeconds(60)));
            if (how.equals("hang")) {
                child.kill();
            }
            assertTrue(child.join(Duration.ofSeconds(30)));
            assertEquals("put before " + how, queue.poll(Duration.ofSeconds(5)), "the item of a child that used " + how);
        }
    }

    @Test
    void aQueueTravelsOnAQueueAndToPoolTasksAsAHandleToTheSameQueue() throws Exception {
        SharedQueue<SharedQueue<Long>> queues = SharedQueue.create();
        SharedQueue<Long> numbers = SharedQueue.create();
        SharedQueue<Long> result = SharedQueue.create();
        ChildProcess summer = started.start(ChannelJobsWorkers.sumFromQueueOnQueue(queues));
        queues.put(numbers);
        queues.put(result);
        for (long i = 1; i <= 100; i++) {
            numbers.put(i);
        }
        numbers.put(ChannelJobs.STOP);
        assertEquals(5050L, result.poll(Duration.ofSeconds(60)));
        assertTrue(summer.join(Duration.ofSeconds(30)));
        try (Pool pool = Pool.create(2)) {
            SharedQueue<Object> shared = SharedQueue.create();
            pool.map(i -> ChannelJobsTasks.putOne(shared, i), List.of(1, 2, 3, 4, 5, 6, 7, 8));
            Set<Object> got = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                got.add(shared.take());
            }
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), got);
        }
        SharedQueue<Long> same = queues.poll(Duration.ZERO);
        assertNull(same);
        queues.put(numbers);
        SharedQueue<Long> back = queues.take();
        assertEquals(numbers, back, "a handle to the same queue");
        assertEquals(numbers.hashCode(), back.hashCode());
        assertNotEquals(numbers, result);
    }

    @Test
    void closingAnObjectStopsItsPutsAndTakesButNotTheQueue() throws Exception {
        SharedQueue<Object> queue = SharedQueue.create();
        queue.put("kept");
        SharedQueue<Object> other;
        try (Pool pool = Pool.create(1)) {
            queue.close();
            queue.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> queue.put("x"));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            assertThrows(IllegalStateException.class, queue::poll);
            assertThrows(IllegalStateException.class, queue::take);
            assertEquals(1, queue.size());
            assertTrue(queue.toString().endsWith("this object closed]"), queue.toString());
            assertEquals("kept", pool.apply(ChannelJobsTasks.pollOne(queue, 1000)), "a handle sent from a closed object works");
            other = SharedQueue.create();
        }
        other.close();
    }
}
