package io.multiprocessing4j.internal.manager;

import java.util.HashMap;
import java.util.Map;

/**
 * A manager's semaphore, held by its server. It records the permits each client has taken and
 * not given back, so that a client that disconnects or dies returns them, by the rule a semaphore
 * in shared memory follows for a process that dies ({@code internal.shm.SemaphoreState}):
 *
 * <ul>
 *   <li>a release by a client with permits recorded is struck off its own record;</li>
 *   <li>a release by a client with none recorded gives back a permit someone else took (or, in a
 *       semaphore used to signal, adds one), and nobody can tell whose: if one client has
 *       permits recorded, it is struck off that client's record; if several have, it is counted
 *       as <em>unattributed</em>, and each record is cut to the permits out ({@code initial -
 *       available}), since nobody holds more than are out;</li>
 *   <li>a client that goes away gives back its record less the unattributed releases (any of
 *       them may have been its permits), never bringing the count above the initial one.</li>
 * </ul>
 * So a client's end never creates a permit that may still be in use: two clients never hold a
 * one-permit semaphore because a third released on behalf of one of them. Waiters wait on this
 * object's monitor.
 */
final class ServerSemaphore implements ClientHolds {

    private final int initial;
    private int permits;
    /** Each client's permits taken less those it gave back; clients with none are absent. */
    private final Map<Long, Integer> taken = new HashMap<>();
    /** Releases by clients with nothing recorded while several had: at most the permits recorded. */
    private int unattributed;

    ServerSemaphore(int permits) {
        this.initial = permits;
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
        if (taken.containsKey(client)) {
            strikeOne(client);
        } else if (taken.size() == 1) {
            strikeOne(taken.keySet().iterator().next());
        } else if (taken.size() > 1) {
            unattributed++;
            cutRecordsToPermitsOut();
        }
        boundUnattributed();
        notifyAll();
    }

    private void strikeOne(long client) {
        taken.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Nobody holds more than the permits out: cuts every record to them, and the unattributed releases by what was cut. */
    private void cutRecordsToPermitsOut() {
        int out = Math.max(0, initial - permits);
        int cut = 0;
        for (Map.Entry<Long, Integer> record : taken.entrySet()) {
            if (record.getValue() > out) {
                cut += record.getValue() - out;
                record.setValue(out);
            }
        }
        taken.values().removeIf(n -> n == 0);
        unattributed = Math.max(0, unattributed - cut);
    }

    private void boundUnattributed() {
        long recorded = 0;
        for (int n : taken.values()) {
            recorded += n;
        }
        unattributed = (int) Math.min(unattributed, recorded);
    }

    synchronized int available() {
        return permits;
    }

    @Override
    public synchronized void clientGone(long client) {
        Integer held = taken.remove(client);
        if (held == null) {
            return;
        }
        long surelyHeld = Math.max(0, held - unattributed);
        int given = (int) Math.max(0, Math.min(surelyHeld, (long) initial - permits));
        boundUnattributed();
        if (given > 0) {
            permits += given;
            notifyAll();
        }
    }
}
