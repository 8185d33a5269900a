package io.multiprocessing4j.internal.manager;

import java.util.HashMap;
import java.util.Map;

/**
 * A manager's semaphore, held by its server. It counts the permits each client has taken and not
 * given back, so that a client that disconnects or dies returns them. A release by a client that
 * took none adds a permit, as a semaphore's release does anywhere. Waiters wait on this object's
 * monitor.
 */
final class ServerSemaphore implements ClientHolds {

    private int permits;
    private final Map<Long, Integer> taken = new HashMap<>();

    ServerSemaphore(int permits) {
        this.permits = permits;
    }

    synchronized boolean acquire(long client, long nanos) throws InterruptedException {
        TimedWait wait = new TimedWait(nanos);
        while (permits == 0) {
            if (!wait.await(this)) {
                return false;
            }
        }
        permits--;
        taken.merge(client, 1, Integer::sum);
        return true;
    }

    synchronized void release(long client) {
        if (permits == Integer.MAX_VALUE) {
            throw new IllegalStateException("the manager's semaphore has " + permits + " permits: one more overflows");
        }
        permits++;
        taken.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
        notifyAll();
    }

    synchronized int available() {
        return permits;
    }

    @Override
    public synchronized void clientGone(long client) {
        Integer held = taken.remove(client);
        if (held != null) {
            permits += held;
            notifyAll();
        }
    }
}
