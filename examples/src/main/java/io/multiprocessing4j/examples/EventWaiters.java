package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.annotations.Worker;
import java.time.Duration;

/**
 * Two processes wait for an event that the main process sets after three seconds: {@code block}
 * waits for as long as it takes, {@code nonblock} gives up after two seconds. The Python original:
 *
 * <pre>
 * import multiprocessing
 * import time
 *
 * def wait_for_event(e):
 *     print('wait_for_event: starting')
 *     e.wait()
 *     print('wait_for_event: e.is_set()->', e.is_set())
 *
 * def wait_for_event_timeout(e, t):
 *     print('wait_for_event_timeout: starting')
 *     e.wait(t)
 *     print('wait_for_event_timeout: e.is_set()->', e.is_set())
 *
 * if __name__ == '__main__':
 *     e = multiprocessing.Event()
 *     w1 = multiprocessing.Process(name='block', target=wait_for_event, args=(e,))
 *     w1.start()
 *     w2 = multiprocessing.Process(name='nonblock', target=wait_for_event_timeout, args=(e, 2))
 *     w2.start()
 *     print('main: waiting before calling Event.set()')
 *     time.sleep(3)
 *     e.set()
 *     print('main: event is set')
 * </pre>
 *
 * <p>Output, as in Python:
 *
 * <pre>
 * main: waiting before calling Event.set()
 * wait_for_event: starting
 * wait_for_event_timeout: starting
 * wait_for_event_timeout: e.is_set()-&gt; false
 * main: event is set
 * wait_for_event: e.is_set()-&gt; true
 * </pre>
 *
 * (The first three lines come in whatever order the processes get there, in Python as here.)
 */
public final class EventWaiters {

    private EventWaiters() {}

    /** Waits for the event for as long as it takes. */
    @Worker
    static void waitForEvent(SharedEvent e) throws InterruptedException {
        System.out.println("wait_for_event: starting");
        e.await();
        System.out.println("wait_for_event: e.is_set()-> " + e.isSet());
    }

    /** Waits for the event at most {@code seconds}. */
    @Worker
    static void waitForEventTimeout(SharedEvent e, int seconds) throws InterruptedException {
        System.out.println("wait_for_event_timeout: starting");
        e.await(Duration.ofSeconds(seconds));
        System.out.println("wait_for_event_timeout: e.is_set()-> " + e.isSet());
    }

    /** Starts both waiters, sets the event after three seconds, and waits for them to finish. */
    public static void main(String[] args) throws InterruptedException {
        SharedEvent e = SharedEvent.create();
        ChildProcess w1 = EventWaitersWorkers.waitForEvent(e).name("block").start();
        ChildProcess w2 = EventWaitersWorkers.waitForEventTimeout(e, 2).name("nonblock").start();
        System.out.println("main: waiting before calling Event.set()");
        Thread.sleep(3000);
        e.set();
        System.out.println("main: event is set");
        w1.join();
        w2.join();
    }
}
