package io.multiprocessing4j.tests;

import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedLongArray;
import io.multiprocessing4j.SharedMemory;
import java.util.function.Supplier;

/**
 * The main class of a JVM that {@link SharedMemoryFullTest} starts with a small shared-memory
 * directory: it creates shared objects until there is no room, writes every byte it was given,
 * and prints one line per step ({@code <step>: ok ...} or {@code <step>: refused <exception>}),
 * then {@value #DONE}. Any other throwable, an {@code InternalError} above all, is printed as
 * {@code <step>: FAILED ...}; a {@code SIGBUS} crash prints nothing more.
 */
public final class SharedMemoryFullMain {

    static final String DONE = "done";
    /** More than the test's 1 MB file system holds, and than its 1 MB file-size limit allows. */
    static final int TOO_BIG = 2 << 20;
    static final int ARRAY_LONGS = 8192;
    /** 64 arrays of 64 KB: 4 MB, enough to fill the test's file system. */
    static final int MOST_ARRAYS = 64;

    private SharedMemoryFullMain() {}

    public static void main(String[] args) {
        SharedLock lock = step("lock before", SharedLock::create);
        step("memory of 2 MB", () -> {
            SharedMemory memory = SharedMemory.create(TOO_BIG);
            for (int i = 0; i < memory.size(); i += 4096) {
                memory.buffer().put(i, (byte) 1);
            }
            return memory.size();
        });
        step("int after the refusal", () -> SharedInt.create(7).get());
        int arrays = 0;
        while (arrays < MOST_ARRAYS && step("array " + arrays, () -> {
            SharedLongArray array = SharedLongArray.create(ARRAY_LONGS);
            for (int i = 0; i < array.length(); i++) {
                array.set(i, i);
            }
            return array.length();
        }) != null) {
            arrays++;
        }
        Integer ints = 0;
        while (ints < 1000 && step("small int " + ints, () -> SharedInt.create(1).incrementAndGet()) != null) {
            ints++;
        }
        step("lock when full", () -> {
            if (lock != null) {
                lock.lock(); // a first lock takes this process's lease: a file and a table, if not yet made
                lock.unlock();
            }
            return lock;
        });
        System.out.println(DONE);
    }

    private static <T> T step(String name, Supplier<T> step) {
        try {
            T value = step.get();
            System.out.println(name + ": ok " + value);
            return value;
        } catch (java.io.UncheckedIOException e) {
            System.out.println(name + ": refused " + e.getMessage());
            return null;
        } catch (Throwable e) {
            System.out.println(name + ": FAILED " + e);
            return null;
        }
    }
}
