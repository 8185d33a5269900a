package io.multiprocessing4j.internal.pool;

/**
 * Where the outcomes of submitted tasks go: an {@code AsyncResult}, a map's result list, an imap
 * stream. Tasks are numbered by the sink's own numbering (a unit carries the number of its first
 * task). Called once per task, outside the pool's lock, from the pool's threads.
 */
public interface ResultSink {

    /** Task {@code item} returned {@code value}. */
    void returned(int item, Object value);

    /**
     * Tasks {@code firstItem} to {@code firstItem + count - 1} returned {@code values[0..count)}:
     * a whole chunk at once, which a sink may take in bulk.
     */
    default void returnedAll(int firstItem, Object[] values, int count) {
        for (int i = 0; i < count; i++) {
            returned(firstItem + i, values[i]);
        }
    }

    /** Task {@code item} did not return: it threw, timed out, its worker died, or it was cancelled. */
    void failed(int item, RuntimeException error);
}
