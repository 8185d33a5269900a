package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A caller's interrupt is the caller's business: sending work from a thread whose interrupt
 * status is set, or that is interrupted again and again while it sends a large argument, neither
 * loses the work nor harms the worker (the parent's end of a connection is a channel, and a
 * channel in blocking mode would be closed by such a thread), and the interrupt status is kept.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptedCallerTest {

    @Test
    void aCallerWithItsInterruptStatusSetSendsWorkAndKeepsTheStatus() throws Exception {
        try (Pool pool = Pool.create(1)) {
            String before = pool.apply(IdentityTasks.pidAndName());
            Thread.currentThread().interrupt();
            AsyncResult<String> sent = pool.applyAsync(IdentityTasks.pidAndName());
            assertTrue(Thread.interrupted(), "the caller's interrupt status was swallowed");
            assertEquals(before, sent.get(30, TimeUnit.SECONDS), "the same worker, unharmed, ran it");
            assertEquals(before, pool.apply(IdentityTasks.pidAndName()));
        }
    }

    @Test
    void aCallerInterruptedWhileItSendsALargeArgumentStillSendsIt() throws Exception {
        byte[] large = new byte[64 << 20];
        try (Pool pool = Pool.create(1)) {
            String pid = pool.apply(IdentityTasks.pidAndName()).split(" ")[0];
            Thread sender = Thread.currentThread();
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread interrupter = new Thread(() -> {
                while (sending.get()) {
                    sender.interrupt();
                    Thread.onSpinWait();
                }
            }, "interrupter");
            AsyncResult<String> sent;
            interrupter.start();
            try {
                sent = pool.applyAsync(IdentityTasks.pidAndLength(large));
            } finally {
                sending.set(false);
                while (interrupter.isAlive()) {
                    try {
                        interrupter.join();
                    } catch (InterruptedException e) {
                        // the interrupter's last ones
                    }
                }
                Thread.interrupted();
            }
            assertEquals(pid + " " + large.length, sent.get(60, TimeUnit.SECONDS),
                    "the whole argument reached the same worker");
        }
    }
}
