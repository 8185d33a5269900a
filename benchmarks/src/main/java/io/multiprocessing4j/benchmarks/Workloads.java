package io.multiprocessing4j.benchmarks;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;

/**
 * The functions the CPython script sends to its workers: {@code double}, {@code identity},
 * {@code noop}, {@code echo}, {@code consume}, {@code bump} and {@code pong}.
 */
final class Workloads {

    private Workloads() {}

    /** Python's {@code double(x)}: {@code x * 2}. */
    @PoolTask
    static int twice(int x) {
        return x * 2;
    }

    /** Python's {@code identity(x)}: the argument, back. */
    @PoolTask
    static byte[] identity(byte[] x) {
        return x;
    }

    /** An idle child for {@link Memory}: it only sleeps. */
    @Worker
    static void sleep(int millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Python's {@code noop()}: a child process's body and a pool task that do nothing. */
    @Worker
    @PoolTask
    static void noop() {}

    /**
     * Python's {@code bump(v, lock, n, start, end)}: after the start barrier, {@code n} times
     * {@code with lock: v.value += 1} (a plain read and write under the lock, as with Python's
     * {@code Value(lock=False)}), then the end barrier.
     */
    @Worker
    static void bump(SharedInt v, SharedLock lock, int n, SharedBarrier start, SharedBarrier end)
            throws InterruptedException {
        start.await();
        for (int i = 0; i < n; i++) {
            lock.lock();
            try {
                v.set(v.get() + 1);
            } finally {
                lock.unlock();
            }
        }
        end.await();
    }

    /** Python's {@code pong(ping, pong_, n)}: {@code n + 1} times wait for ping, clear it, set pong. */
    @Worker
    static void pong(SharedEvent ping, SharedEvent pong, int n) throws InterruptedException {
        for (int i = 0; i < n + 1; i++) {
            ping.await();
            ping.clear();
            pong.set();
        }
    }

    /** Python's {@code echo(conn)}: sends back whatever it receives, until it receives {@code null} (Python's None). */
    @Worker
    static void echo(Connection<Integer> conn) {
        while (true) {
            Integer m = conn.recv();
            if (m == null) {
                break;
            }
            conn.send(m);
        }
    }

    /**
     * Python's {@code consume(q, n, ready, done)}: takes one item, says it is ready, takes {@code n}
     * more, says it is done.
     */
    @Worker
    static void consume(SharedQueue<Integer> q, int n, SharedEvent ready, SharedEvent done)
            throws InterruptedException {
        q.take();
        ready.set();
        for (int i = 0; i < n; i++) {
            q.take();
        }
        done.set();
    }
}
