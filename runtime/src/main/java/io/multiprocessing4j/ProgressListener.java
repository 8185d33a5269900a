package io.multiprocessing4j;

/**
 * Told how far work has come: given to {@link AsyncResult#onProgress}, to
 * {@link Pool#imap(java.util.function.Function, Iterable, int, ProgressListener) imap}, or to a
 * whole pool with {@link Pool.Builder#progressListener}.
 *
 * <p><b>Thread.</b> Every listener of every pool is called on one daemon thread,
 * {@code multiprocessing4j-progress}, never on the pool's own threads (the threads that read the
 * workers' results), so a listener cannot slow the pool down: the pool only adds to a counter,
 * and asks that thread to call the listener. Calls to one listener never overlap. The thread
 * exists only while there are calls to make, and ends about a second after the last one. An
 * application torn down by interrupting its threads (as {@code mvn exec:java} does after
 * {@code main}) is not kept waiting by it: interrupted, it makes the calls pending at once, with
 * its interrupt status set (a listener that blocks then sees why it should not), and ends.
 *
 * <p><b>Coalescing.</b> Updates are coalesced: a listener is called at most about every 50
 * milliseconds per piece of work, with the latest figures, which only grow; the last update
 * (every task done) always comes. A listener is also called once when it is added, with the
 * figures then.
 *
 * <p><b>What it may do.</b> Anything quick: print, update a progress bar, read
 * {@link Pool#stats()}, submit more work. As every listener shares one thread, a listener that
 * blocks (waits for a result, say) delays the others, not the pool. What it throws is logged
 * (logger {@code io.multiprocessing4j.pool}, {@code WARNING}) and does not stop later calls.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * How far the work has come now.
     *
     * @param progress the figures: tasks done, out of how many
     */
    void onProgress(Progress progress);
}
