package io.multiprocessing4j.internal.shm;

/**
 * What a {@code SharedInt} is underneath: one cell of {@link IntCells} in the program's shared
 * memory, or a manager's int held by its server. Every method is atomic. Implementations are
 * thread-safe.
 */
public interface IntBackend {

    /** The value. */
    int get();

    /** Sets the value. */
    void set(int value);

    /** Sets the value and returns the one before. */
    int getAndSet(int value);

    /** Adds {@code delta} and returns the value before. */
    int getAndAdd(int delta);

    /** Sets the value to {@code value} if it is {@code expected}; returns whether it did. */
    boolean compareAndSet(int expected, int value);
}
