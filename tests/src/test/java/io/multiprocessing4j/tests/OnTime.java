package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Whether a timed wait returned on time: not before its time, and at most {@value #SLACK_MILLIS}
 * ms after it, not counting the time its thread was ready to run but kept from a CPU by other
 * work on the machine.
 *
 * <p>Why that time is not counted: a wait that times out ends with its thread made runnable, and
 * on a loaded machine (two cores shared by several builds) the thread may then wait for a CPU for
 * a hundred milliseconds or more. The JDK's own {@code LockSupport.parkNanos} is as late there
 * (measured on this project's machine at load average 19: up to 30 ms for {@code parkNanos}, up
 * to 86 ms for a shared lock's {@code tryLock}, 68 ms for a semaphore's {@code tryAcquire}, in
 * the same run). The kernel counts that time per thread ({@code /proc/thread-self/schedstat},
 * its second field), so what the library adds can be told apart: sleeping past the deadline, or
 * work done after it, is never counted as the machine's. The allowance is generous, since it
 * also counts the machine's delays of the wait's earlier wake-ups, which made it no later; on a
 * quiet machine it is close to nothing, and where the kernel does not keep the count it is zero.
 */
final class OnTime {

    /** How late a timed wait may return, beyond what the machine held its thread back. */
    static final long SLACK_MILLIS = 50;

    /** A timed wait that may throw, as the shared objects' waits do. */
    interface Wait<T> {
        T call() throws Exception;
    }

    private OnTime() {}

    /**
     * Runs {@code wait}, a wait of {@code millis} that is expected to time out, and asserts that
     * it returned on time (see the class comment); prints how long it took.
     *
     * @return what {@code wait} returned, for the caller's own assertions
     */
    static <T> T assertOnTime(String what, long millis, Wait<T> wait) throws Exception {
        // the clock runs across both reads of the count: a thread kept from a CPU while it reads
        // is counted in both, never in the count alone
        long start = System.nanoTime();
        long heldBackBefore = heldBackNanos();
        T result = wait.call();
        long heldBack = TimeUnit.NANOSECONDS.toMillis(heldBackNanos() - heldBackBefore);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println(what + " took " + took + " ms, " + heldBack + " ms of it waiting for a CPU");
        assertTrue(took >= millis, what + " returned early, after " + took + " ms");
        assertTrue(took - heldBack <= millis + SLACK_MILLIS, what + " took " + took + " ms, of which only " + heldBack
                + " ms waiting for a CPU: more than " + SLACK_MILLIS + " ms late");
        return result;
    }

    /** How long this thread has been ready to run but waiting for a CPU; 0 where the kernel does not say. */
    private static long heldBackNanos() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/thread-self/schedstat")).trim().split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
