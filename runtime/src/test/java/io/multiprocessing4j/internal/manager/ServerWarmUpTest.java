package io.multiprocessing4j.internal.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's warm-up: it runs its calls through a real session on scratch objects, stops when told, and leaves no thread. */
@Timeout(120)
class ServerWarmUpTest {

    private static final Duration LONG = Duration.ofSeconds(60);
    private final ExecutorService waiters = Executors.newCachedThreadPool();
    private final ClassLoader loader = ServerWarmUpTest.class.getClassLoader();

    @AfterEach
    void stopWaiters() {
        waiters.shutdownNow();
    }

    @Test
    void aWarmUpLeftAloneMakesAllItsCallsThenEndsWithItsSession() throws InterruptedException {
        ServerWarmUp warmUp = new ServerWarmUp(loader, waiters).start();
        assertTrue(warmUp.awaitEnd(LONG), "the warm-up did not end");
        assertEquals(ServerWarmUp.CALLS, warmUp.calls(), "every call went through the session and back");
        awaitNoSessionThread();
    }

    @Test
    void aStoppedWarmUpEndsAfterTheCallInFlight() throws InterruptedException {
        ServerWarmUp warmUp = new ServerWarmUp(loader, waiters).start();
        long deadline = System.nanoTime() + LONG.toNanos();
        while (warmUp.calls() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        warmUp.stop();
        int atStop = warmUp.calls();
        assertTrue(warmUp.awaitEnd(LONG), "the stopped warm-up did not end");
        assertTrue(warmUp.calls() <= atStop + 1, warmUp.calls() + " calls, " + atStop + " when it was stopped");
        awaitNoSessionThread();
    }

    @Test
    void aWarmUpStoppedBeforeItStartsMakesNoCall() throws InterruptedException {
        ServerWarmUp warmUp = new ServerWarmUp(loader, waiters);
        warmUp.stop();
        warmUp.start();
        assertTrue(warmUp.awaitEnd(LONG), "the stopped warm-up did not end");
        assertEquals(0, warmUp.calls());
        awaitNoSessionThread();
    }

    /** The session that served the warm-up ends once the warm-up has closed its end of the connection. */
    private static void awaitNoSessionThread() throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (sessionThreads() > 0) {
            assertTrue(System.nanoTime() < deadline, "a session thread is still alive");
            Thread.sleep(10);
        }
    }

    private static long sessionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("multiprocessing4j-manager-session")).count();
    }
}
