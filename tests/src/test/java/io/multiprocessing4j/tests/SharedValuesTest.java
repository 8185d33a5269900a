package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedDouble;
import io.multiprocessing4j.SharedDoubleArray;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedIntArray;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedLong;
import io.multiprocessing4j.SharedLongArray;
import io.multiprocessing4j.SharedMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shared values, arrays and memory between real processes: one object, seen and changed by all,
 * whichever process created it.
 */
@Timeout(120)
class SharedValuesTest {

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    @Test
    void twoProcessesIncrementingOneValueEndAtTheExactSum() {
        SharedInt value = SharedInt.create(0);
        ChildProcess a = started.start(SharedJobsWorkers.increment(value, 100_000));
        ChildProcess b = started.start(SharedJobsWorkers.increment(value, 100_000));
        a.join();
        b.join();
        assertEquals(OptionalInt.of(0), a.exitCode());
        assertEquals(OptionalInt.of(0), b.exitCode());
        assertEquals(200_000, value.get());
        assertEquals("200000", value.toString());
    }

    @Test
    void theTutorialsValueAndArrayChangeInTheChild() {
        SharedDouble number = SharedDouble.create(0.0);
        SharedIntArray array = SharedIntArray.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals("0.0", number.toString());
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", array.toString());
        started.start(SharedJobsWorkers.negate(number, array)).join();
        assertEquals("3.1415927", number.toString());
        assertEquals("[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]", array.toString());
        assertArrayEquals(new int[] {0, -1, -2, -3, -4, -5, -6, -7, -8, -9}, array.toArray());
    }

    @Test
    void poolTasksShareOneValueAndAnObjectMadeInAWorkerOutlivesIt() {
        try (Pool pool = Pool.builder().processes(2).maxTasksPerChild(1).build()) {
            SharedInt counter = SharedInt.create(0);
            List<Integer> counts = pool.map(n -> SharedJobsTasks.increment(counter, n), List.of(1000, 1000, 1000, 1000));
            assertEquals(4000, counter.get());
            assertEquals(4, counts.size());

            SharedInt madeThere = pool.apply(SharedJobsTasks.createInt(41));
            // every worker that ran a task has been replaced (one task per child): the creator is gone
            pool.map(n -> SharedJobsTasks.increment(SharedInt.create(0), n), List.of(1, 1, 1, 1));
            assertEquals(41, madeThere.get());
            assertEquals(42, madeThere.incrementAndGet());
            assertEquals(1042, pool.apply(SharedJobsTasks.increment(madeThere, 1000)));
        }
    }

    @Test
    void aHandleThatComesBackIsTheSameObject() {
        try (Pool pool = Pool.create(1)) {
            SharedLock lock = SharedLock.create();
            SharedLock back = pool.apply(SharedJobsTasks.echoLock(lock));
            assertEquals(lock, back);
            assertEquals(lock.hashCode(), back.hashCode());
            assertNotEquals(lock, SharedLock.create());
            back.lock();
            assertTrue(lock.isHeldByCurrentThread(), "the lock that came back is the lock that was sent");
            lock.unlock();
        }
    }

    @Test
    void sharedMemoryIsOneBlockOfBytesInEveryProcess() {
        SharedMemory memory = SharedMemory.create(4096);
        try (Pool pool = Pool.create(1)) {
            byte[] text = "hello from a worker".getBytes(StandardCharsets.US_ASCII);
            assertEquals(4096, pool.apply(SharedJobsTasks.writeBytes(memory, text)));
            byte[] read = new byte[text.length];
            memory.buffer().get(read);
            assertArrayEquals(text, read);
            assertTrue(memory.buffer().isDirect());
            assertEquals(4096, memory.buffer().capacity());
        }
    }

    @Test
    void everyKindOfValueAndArrayHasItsAtomicMethods() {
        SharedLong big = SharedLong.create(Long.MAX_VALUE - 1);
        assertEquals(Long.MAX_VALUE, big.incrementAndGet());
        assertTrue(big.compareAndSet(Long.MAX_VALUE, 7));
        assertEquals(14, big.updateAndGet(x -> x * 2));
        SharedDouble d = SharedDouble.create(1.5);
        assertEquals(1.5, d.getAndAdd(1.0));
        assertEquals(3.5, d.addAndGet(1.0));
        assertTrue(d.compareAndSet(3.5, -0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d.getAndSet(Double.NaN)));
        assertTrue(Double.isNaN(d.getAndSet(2.0)));
        assertEquals(2.0, d.get());
        SharedLongArray longs = SharedLongArray.of(1, 2, 3);
        assertEquals(12, longs.addAndGet(2, 9));
        assertEquals("[1, 2, 12]", longs.toString());
        SharedDoubleArray doubles = SharedDoubleArray.create(2);
        doubles.set(1, 0.25);
        assertEquals("[0.0, 0.25]", doubles.toString());
        assertEquals(0, SharedIntArray.create(0).length());
        assertEquals("[]", SharedIntArray.create(0).toString());
    }

    @Test
    void badSizesAndIndicesAreRefusedWithMessagesThatSayWhat() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> SharedIntArray.create(-1));
        assertTrue(negative.getMessage().contains("not -1"), negative.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(0));
        assertTrue(empty.getMessage().contains("not 0"), empty.getMessage());
        SharedIntArray array = SharedIntArray.create(10);
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> array.get(10));
        assertTrue(outside.getMessage().contains("10") && outside.getMessage().contains("length 10"), outside.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> array.set(-1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> SharedLongArray.create(3).getAndAdd(3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> SharedDoubleArray.create(3).compareAndSet(5, 0, 1));
    }
}
