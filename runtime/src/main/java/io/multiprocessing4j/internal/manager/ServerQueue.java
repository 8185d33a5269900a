package io.multiprocessing4j.internal.manager;

import java.util.ArrayDeque;

/**
 * A manager's queue, held by its server: a FIFO of items as their encoded bytes (the server never
 * decodes them, so it needs none of the clients' classes), bounded or not, with
 * {@code JoinableQueue}'s count of unfinished items. Waiters wait on this object's monitor.
 */
final class ServerQueue {

    private final int capacity;
    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    private long unfinished;

    /** A queue of at most {@code capacity} items; 0 for no bound. */
    ServerQueue(int capacity) {
        this.capacity = capacity;
    }

    synchronized boolean put(byte[] item, long nanos) throws InterruptedException {
        TimedWait wait = new TimedWait(nanos);
        while (capacity > 0 && items.size() >= capacity) {
            if (!wait.await(this)) {
                return false;
            }
        }
        items.addLast(item);
        unfinished++;
        notifyAll();
        return true;
    }

    synchronized byte[] take(long nanos) throws InterruptedException {
        TimedWait wait = new TimedWait(nanos);
        while (items.isEmpty()) {
            if (!wait.await(this)) {
                return null;
            }
        }
        byte[] item = items.removeFirst();
        if (capacity > 0) {
            notifyAll();
        }
        return item;
    }

    synchronized int size() {
        return items.size();
    }

    int capacity() {
        return capacity;
    }

    synchronized long unfinished() {
        return unfinished;
    }

    synchronized void taskDone() {
        if (unfinished == 0) {
            throw new IllegalStateException("taskDone() called more times than items were put on the manager's queue");
        }
        if (--unfinished == 0) {
            notifyAll();
        }
    }

    synchronized boolean join(long nanos) throws InterruptedException {
        TimedWait wait = new TimedWait(nanos);
        while (unfinished > 0) {
            if (!wait.await(this)) {
                return false;
            }
        }
        return true;
    }
}
