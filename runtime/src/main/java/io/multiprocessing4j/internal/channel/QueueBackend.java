package io.multiprocessing4j.internal.channel;

/**
 * What a {@code SharedQueue} is underneath: the public class checks arguments and delegates every
 * call here. {@link QueueState} keeps the queue in the program's shared memory; a manager's queue
 * keeps it in its server and implements this interface with calls to it. Items are never
 * {@code null}; each is encoded when it is put and decoded when it is taken.
 *
 * <p>Timeouts are in nanoseconds: negative waits for as long as it takes, 0 does not wait (and
 * then an interrupt is not looked at), anything else waits at most that long.
 *
 * <p>Implementations are thread-safe.
 */
public interface QueueBackend {

    /**
     * Puts {@code item} at the tail, waiting at most {@code nanos} for room in a bounded queue.
     *
     * @return whether it was put
     * @throws IllegalArgumentException if it cannot be encoded (the message names its type); the
     *     queue is unchanged
     * @throws InterruptedException if interrupted before or while waiting
     */
    boolean put(Object item, long nanos) throws InterruptedException;

    /**
     * Takes the item at the head, waiting at most {@code nanos} for one.
     *
     * @return the item, or {@code null} if none came in time
     * @throws IllegalStateException if the item cannot be decoded in this process (it is dropped)
     * @throws InterruptedException if interrupted before or while waiting
     */
    Object take(long nanos) throws InterruptedException;

    /** The items in the queue now. */
    int size();

    /** The most items the queue holds, or 0 if it is unbounded. */
    int capacity();

    /** Items put and not yet marked done with {@link #taskDone()}. */
    long unfinished();

    /**
     * Marks one item put as done.
     *
     * @throws IllegalStateException if every item put is done already
     */
    void taskDone();

    /**
     * Waits at most {@code nanos} until every item put has been marked done.
     *
     * @return whether they all were
     * @throws InterruptedException if interrupted before or while waiting
     */
    boolean join(long nanos) throws InterruptedException;
}
