package io.multiprocessing4j.internal.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Manager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's warm-up: it runs its calls through a real session on scratch objects, stops when told, and leaves no thread. */
@Timeout(120)
class ServerWarmUpTest {

    private static final Duration LONG = Duration.ofSeconds(60);
    private final ClassLoader loader = ServerWarmUpTest.class.getClassLoader();

    @Test
    void aWarmUpLeftAloneMakesAllItsCallsThenEndsWithItsSession() throws InterruptedException {
        ServerWarmUp warmUp = new ServerWarmUp(loader).start();
        assertTrue(warmUp.awaitEnd(LONG), "the warm-up did not end");
        assertEquals(ServerWarmUp.CALLS, warmUp.calls(), "every call went through the session and back");
        awaitNoSessionThread();
    }

    @Test
    void aStoppedWarmUpEndsAfterTheCallInFlight() throws InterruptedException {
        ServerWarmUp warmUp = new ServerWarmUp(loader).start();
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
        ServerWarmUp warmUp = new ServerWarmUp(loader);
        warmUp.stop();
        warmUp.start();
        assertTrue(warmUp.awaitEnd(LONG), "the stopped warm-up did not end");
        assertEquals(0, warmUp.calls());
        awaitNoSessionThread();
    }

    @Test
    void aServerThatWarmedUpHoldsNoneOfTheWarmUpsObjects() {
        try (Manager manager = Manager.start()) {
            Map<Integer, Integer> first = manager.dict();
            assertTrue(first.isEmpty(), first.toString());
            first.put(1, 1);
            assertEquals(Map.of(1, 1), Map.copyOf(first));
        }
    }

    @Test
    void aServerStartedWithTheWarmUpTurnedOffServesItsClients() {
        try (Manager manager = Manager.builder().jvmOptions("-D" + ManagerServer.WARM_UP_PROPERTY + "=false").start()) {
            Map<String, String> dict = manager.dict("d");
            dict.put("a", "b");
            assertEquals("b", dict.get("a"));
        }
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
