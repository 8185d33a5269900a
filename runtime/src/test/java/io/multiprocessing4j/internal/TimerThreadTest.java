package io.multiprocessing4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A timer thread that runs what is queued when it is interrupted ({@code RUN_AT_ONCE}, the
 * progress thread's kind): the queued actions run at once on the interrupted thread, which then
 * ends; an action set meanwhile gets a thread of its own; an idle thread ends after its linger.
 * The other kind is the {@code Scheduler}'s, tested in {@link SchedulerTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimerThreadTest {

    private static final long WAIT_MILLIS = 20_000;

    /** Blocks as code that ignores interrupts would, until {@code latch} opens. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (latch.getCount() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void anInterruptRunsWhatIsQueuedAtOnceOnTheInterruptedThreadThenEndsIt() throws Exception {
        TimerThread timer = new TimerThread("test-run-at-once", 60_000, TimerThread.OnInterrupt.RUN_AT_ONCE);
        CompletableFuture<Thread> running = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<Thread> later = new CompletableFuture<>();
        timer.after(0, () -> {
            running.complete(Thread.currentThread());
            awaitIgnoringInterrupts(release);
        });
        Thread thread = running.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        timer.after(TimeUnit.HOURS.toNanos(2), () -> ran.add("in two hours"));
        timer.after(TimeUnit.HOURS.toNanos(1), () -> {
            ran.add("in an hour, interrupted " + Thread.currentThread().isInterrupted());
            later.complete(Thread.currentThread());
        });
        thread.interrupt();
        release.countDown();
        assertSame(thread, later.get(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the queue ran on the interrupted thread");
        thread.join(WAIT_MILLIS);
        assertFalse(thread.isAlive(), "the interrupted thread still runs: " + thread.getState());
        assertEquals(List.of("in an hour, interrupted true", "in two hours"), ran, "in the order they were due");
    }

    @Test
    void anActionSetWhileTheQueueRunsGetsAThreadOfItsOwn() throws Exception {
        TimerThread timer = new TimerThread("test-run-at-once", 60_000, TimerThread.OnInterrupt.RUN_AT_ONCE);
        CompletableFuture<Thread> running = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> setMeanwhile = new CompletableFuture<>();
        timer.after(0, () -> {
            running.complete(Thread.currentThread());
            awaitIgnoringInterrupts(release);
        });
        Thread thread = running.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        timer.after(TimeUnit.HOURS.toNanos(1), () -> timer.after(TimeUnit.MILLISECONDS.toNanos(10), () -> {
            if (!Thread.currentThread().isInterrupted()) {
                setMeanwhile.complete(Thread.currentThread());
            }
        }));
        thread.interrupt();
        release.countDown();
        Thread next = setMeanwhile.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotSame(thread, next, "an action set while the interrupted thread ran the queue ran on it");
        thread.join(WAIT_MILLIS);
        assertFalse(thread.isAlive(), "the interrupted thread still runs: " + thread.getState());
    }

    @Test
    void anIdleThreadEndsAfterItsLinger() throws Exception {
        TimerThread timer = new TimerThread("test-linger", 50, TimerThread.OnInterrupt.RUN_AT_ONCE);
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        timer.after(0, () -> ran.complete(Thread.currentThread()));
        Thread thread = ran.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        thread.join(WAIT_MILLIS);
        assertFalse(thread.isAlive(), "the idle thread still runs: " + thread.getState());
        CompletableFuture<Thread> again = new CompletableFuture<>();
        timer.after(0, () -> again.complete(Thread.currentThread()));
        assertTrue(again.get(WAIT_MILLIS, TimeUnit.MILLISECONDS).isAlive(), "a later action starts a new thread");
    }
}
