package io.multiprocessing4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timer thread: timers run in the order they are due, a cancelled one never runs, and the
 * thread exists only while it has work, and ends at once when interrupted, as a container that
 * tears an application down expects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerTest {

    private static final long WAIT_MILLIS = 20_000;

    private static Thread timerThread() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("multiprocessing4j-timer") && thread.isAlive()) {
                return thread;
            }
        }
        return null;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void timersRunInTheOrderTheyAreDueAndACancelledOneNever() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Scheduler.after(TimeUnit.MILLISECONDS.toNanos(300), () -> ran.add("third"));
        ScheduledFuture<?> cancelled = Scheduler.after(TimeUnit.MILLISECONDS.toNanos(200), () -> ran.add("cancelled"));
        Scheduler.after(TimeUnit.MILLISECONDS.toNanos(100), () -> ran.add("second"));
        Scheduler.after(0, () -> ran.add("first"));
        Scheduler.after(TimeUnit.MILLISECONDS.toNanos(400), done::countDown);
        assertTrue(cancelled.cancel(true));
        assertTrue(done.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertEquals(List.of("first", "second", "third"), ran);
        assertTrue(cancelled.isCancelled());
    }

    @Test
    void theThreadEndsWhenItHasNothingLeftToDo() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        Scheduler.after(0, ran::countDown);
        assertTrue(ran.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        awaitTrue("the idle timer thread has ended", () -> timerThread() == null);
    }

    @Test
    void cancellingTheTimerTheThreadSleepsTowardsLetsItEnd() throws InterruptedException {
        awaitTrue("no timer thread runs", () -> timerThread() == null);
        ScheduledFuture<?> far = Scheduler.after(TimeUnit.HOURS.toNanos(1), () -> { });
        // a new thread, whose only timer is the far one: once it waits, it waits towards that one
        awaitTrue("the timer thread waits", () -> {
            Thread timer = timerThread();
            return timer != null && timer.getState() == Thread.State.TIMED_WAITING;
        });
        assertTrue(far.cancel(false));
        awaitTrue("the timer thread has ended", () -> timerThread() == null);
    }

    @Test
    void anInterruptEndsTheThreadAtOnceAndLaterTimersStillRun() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        ScheduledFuture<?> pending = Scheduler.after(TimeUnit.MILLISECONDS.toNanos(500), () -> ran.add("pending"));
        Thread timer = timerThread();
        assertTrue(timer != null, "a timer thread runs while a timer is pending");
        timer.interrupt();
        timer.join(WAIT_MILLIS);
        assertFalse(timer.isAlive(), "the interrupted timer thread is still alive");
        assertFalse(pending.isDone(), "the pending timer was dropped");

        CountDownLatch later = new CountDownLatch(1);
        Scheduler.after(TimeUnit.MILLISECONDS.toNanos(600), later::countDown);
        assertTrue(later.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "a timer set after the interrupt runs");
        assertEquals(List.of("pending"), ran, "the timer pending at the interrupt ran with the next one");
    }

    @Test
    void anExceptionInATimerIsKeptAndTheThreadGoesOn() throws Exception {
        ScheduledFuture<?> failing = Scheduler.after(0, () -> {
            throw new IllegalStateException("expected by the test");
        });
        CountDownLatch next = new CountDownLatch(1);
        Scheduler.after(TimeUnit.MILLISECONDS.toNanos(50), next::countDown);
        assertTrue(next.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(failing.isDone());
        try {
            failing.get();
            fail("the timer's exception was lost");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
    }
}
