package io.multiprocessing4j.internal.channel;

import io.multiprocessing4j.internal.shm.Lease;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipes of which this process owns an end, so that an orderly exit (a return from
 * {@code main}, {@code System.exit}, an uncaught exception) closes those ends at once, from a
 * shutdown hook ({@code multiprocessing4j-pipe-close}): the other ends' receivers then stop
 * waiting right away, instead of after the quarter of a second it takes them to find a dead
 * owner's lease gone (which is what happens after {@code kill -9} or {@code Runtime.halt}).
 *
 * <p>A pipe is registered when this process makes it or receives one of its ends, and forgotten
 * when this process closes an end and owns no other. An end sent elsewhere stays registered until
 * a later registration finds the map grown past twice its size at the last sweep (at least
 * {@value #FIRST_SWEEP}) and sweeps out the pipes this process owns nothing of any more: so a
 * long-running process that hands out a pipe per task keeps a bounded number mapped, not every
 * pipe it ever made (a process may hold only about 65,000 mappings). The hook closes only the ends
 * this process still owns when it runs (in transit from it included, see {@link PipeState}).
 *
 * <p>Thread-safe: a concurrent map; the hook is added once, and sweeps run one at a time, under
 * this class's lock.
 */
final class OwnedEnds {

    private static final int FIRST_SWEEP = 256;
    private static final Map<String, PipeState> PIPES = new ConcurrentHashMap<>();
    private static boolean hooked;
    private static int nextSweep = FIRST_SWEEP;

    private OwnedEnds() {}

    static void register(PipeState pipe) {
        if (PIPES.putIfAbsent(pipe.segment().name(), pipe) == null) {
            hook();
            if (PIPES.size() >= nextSweep) {
                sweep();
            }
        }
    }

    /** The pipes registered now, for tests. */
    static int registered() {
        return PIPES.size();
    }

    private static synchronized void sweep() {
        if (PIPES.size() < nextSweep) {
            return;
        }
        int me = Lease.token();
        PIPES.values().removeIf(pipe -> pipe.ownsNothing(me));
        nextSweep = Math.max(FIRST_SWEEP, 2 * PIPES.size());
    }

    static void forget(PipeState pipe, int token) {
        if (pipe.ownsNothing(token)) {
            PIPES.remove(pipe.segment().name());
        }
    }

    private static synchronized void hook() {
        if (hooked) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(OwnedEnds::closeAll, "multiprocessing4j-pipe-close"));
            hooked = true;
        } catch (IllegalStateException e) {
            // shutting down already: the other ends find this process's lease gone instead
        }
    }

    private static void closeAll() {
        int me = Lease.token();
        for (PipeState pipe : PIPES.values()) {
            try {
                pipe.closeOwnedBy(me);
            } catch (RuntimeException e) {
                // its memory is gone (the program is ending): nobody is left to tell
            }
        }
    }
}
