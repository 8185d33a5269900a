package io.multiprocessing4j.internal.manager;

/**
 * A manager's event, held by its server. A wait returns once the flag is set, or has been set at
 * any moment since the wait began (a pulse: set then cleared), as the shared-memory event's does.
 */
final class ServerEvent {

    private boolean set;
    private long sets;

    synchronized void set() {
        if (!set) {
            set = true;
            sets++;
            notifyAll();
        }
    }

    synchronized void clear() {
        set = false;
    }

    synchronized boolean isSet() {
        return set;
    }

    synchronized boolean await(long nanos) throws InterruptedException {
        long seen = sets;
        TimedWait wait = new TimedWait(nanos);
        while (!set && sets == seen) {
            if (!wait.await(this)) {
                return false;
            }
        }
        return true;
    }
}
