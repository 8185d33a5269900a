package io.multiprocessing4j.benchmarks;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.StartMethod;
import io.multiprocessing4j.internal.launch.Spares;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The cases of {@code cpython_baseline.py} that have a counterpart here, under its names and units
 * and with its workloads. Each times exactly the region the script times, after the same warm-up
 * (one {@code apply(noop)} where the script has it) and no other. The script's {@code *_fork}
 * cases have no counterpart: a JVM cannot fork. Its {@code *_forkserver} cases are compared with
 * the {@code *_warm} cases here, which measure warm start ({@link StartMethod#WARM}) as the script
 * measures forkserver: after the program's first child. The {@code *_spawn} cases measure with
 * warm start off; every other case with the default, as a user meets it.
 */
final class Cases {

    /**
     * A case: its unit, what measures it, and the case of {@code cpython_baseline.py} it is
     * compared with, which is the case of the same name unless {@code compare.py} pairs it with
     * another (its {@code PAIRS}).
     */
    record Case(String unit, DoubleSupplier measure, String baseline) {
        Case(String unit, DoubleSupplier measure) {
            this(unit, measure, null);
        }
    }

    /** Every case, in the script's order. */
    static final Map<String, Case> ALL = all();

    private static final int MIB = 1 << 20;

    private Cases() {}

    private static Map<String, Case> all() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("pool_start_spawn", new Case("ms", Cases::poolStartSpawn));
        cases.put("pool_start_warm", new Case("ms", Cases::poolStartWarm, "pool_start_forkserver"));
        cases.put("process_start_join_spawn", new Case("ms", () -> processStartJoinSpawn(20)));
        cases.put("process_start_join_warm", new Case("ms", () -> processStartJoinWarm(20),
                "process_start_join_forkserver"));
        cases.put("map_1M_default_chunks", new Case("tasks/s", () -> mapRate(1_000_000, 0)));
        cases.put("map_1M_default_chunks_progress", new Case("tasks/s", () -> mapRateWithProgress(1_000_000),
                "map_1M_default_chunks"));
        cases.put("map_1M_default_chunks_async", new Case("tasks/s", () -> mapAsyncRate(1_000_000),
                "map_1M_default_chunks"));
        cases.put("map_20k_chunksize1", new Case("tasks/s", () -> mapRate(20_000, 1)));
        cases.put("apply_latency", new Case("us", () -> applyLatency(2000)));
        cases.put("bytes_roundtrip_1MB", new Case("MB/s", () -> bytesRoundtrip(50)));
        cases.put("pipe_rtt", new Case("us", () -> pipeRtt(20_000)));
        cases.put("queue_put_get", new Case("items/s", () -> queuePutGet(100_000)));
        cases.put("lock_inc", new Case("ns/op", () -> lockInc(50_000)));
        cases.put("event_pingpong", new Case("us", () -> eventPingpong(5000)));
        cases.put("manager_dict_set", new Case("us", () -> managerDictSet(5000)));
        cases.put("manager_remote_dict_set", new Case("us", () -> managerRemoteDictSet(5000)));
        return cases;
    }

    /** {@link #poolStart()} with warm start off: every worker a fresh JVM. */
    static double poolStartSpawn() {
        StartMethod before = Multiprocessing.startMethod();
        Multiprocessing.setStartMethod(StartMethod.SPAWN);
        try {
            return poolStart();
        } finally {
            Multiprocessing.setStartMethod(before);
        }
    }

    /**
     * {@link #poolStart()} of a program's second pool, with warm start (the default): the first
     * pool's workers have ended, and their spares are ready (waited for outside the timed span,
     * as the script's forkserver is started before it times).
     */
    static double poolStartWarm() {
        Multiprocessing.setStartMethod(StartMethod.WARM);
        try (Pool pool = Pool.create(2)) {
            pool.apply(WorkloadsTasks.noop());
        }
        awaitSpares(2);
        return poolStart();
    }

    /**
     * Python's {@code with Pool(2) as p: p.apply(noop)}, timed as a whole: the workers booted,
     * the first result back, and the pool stopped at the end of the block.
     */
    static double poolStart() {
        long t = System.nanoTime();
        try (Pool pool = Pool.create(2)) {
            pool.apply(WorkloadsTasks.noop());
        }
        return (System.nanoTime() - t) / 1e6;
    }

    /** {@link #processStartJoin} with warm start off: every child a fresh JVM. */
    static double processStartJoinSpawn(int n) {
        StartMethod before = Multiprocessing.startMethod();
        Multiprocessing.setStartMethod(StartMethod.SPAWN);
        try {
            return processStartJoin(n);
        } finally {
            Multiprocessing.setStartMethod(before);
        }
    }

    /**
     * A child process started and joined {@code n} times with warm start, after the program's
     * first child (as the script's forkserver cases start one first); before each, the spare that
     * replaced the last child is waited for, outside the timed span. The mean, in milliseconds.
     */
    static double processStartJoinWarm(int n) {
        Multiprocessing.setStartMethod(StartMethod.WARM);
        WorkloadsWorkers.noop().start().join();
        long total = 0;
        for (int i = 0; i < n; i++) {
            awaitSpares(1);
            long t = System.nanoTime();
            WorkloadsWorkers.noop().start().join();
            total += System.nanoTime() - t;
        }
        return total / 1e6 / n;
    }

    /** Waits until the spares that replace the children that ended are ready; there must be {@code count}. */
    private static void awaitSpares(int count) {
        try {
            int ready = Spares.awaitSettled(TimeUnit.SECONDS.toNanos(60));
            check(ready >= count, ready < 0 ? "spare JVMs were still booting after 60 s"
                    : "only " + ready + " spare JVMs were ready, not " + count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for spare JVMs", e);
        }
    }

    /** A child process started and joined {@code n} times; the mean, in milliseconds. */
    static double processStartJoin(int n) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            WorkloadsWorkers.noop().start().join();
        }
        return (System.nanoTime() - t) / 1e6 / n;
    }

    /**
     * {@code pool.map(double, range(n), chunksize)} on two workers after one warm-up apply; tasks
     * per second. A {@code chunksize} of 0 means the default one.
     */
    static double mapRate(int n, int chunksize) {
        List<Integer> out;
        double dt;
        try (Pool pool = Pool.create(2)) {
            pool.apply(WorkloadsTasks.noop());
            long t = System.nanoTime();
            out = chunksize == 0
                    ? pool.map(WorkloadsTasks::twice, new Range(n))
                    : pool.map(WorkloadsTasks::twice, new Range(n), chunksize);
            dt = (System.nanoTime() - t) / 1e9;
        }
        check(out.get(n - 1) == (n - 1) * 2, "the last result is " + out.get(n - 1) + ", not " + (n - 1) * 2);
        return n / dt;
    }

    /**
     * {@link #mapRate} of the default chunks with a progress listener on the map (issue 12: it
     * must cost no more than 5%); the listener counts its calls, as a progress bar's would be
     * cheap. Not a case of the CPython script: compared with {@code map_1M_default_chunks}.
     */
    static double mapRateWithProgress(int n) {
        List<Integer> out;
        double dt;
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        try (Pool pool = Pool.create(2)) {
            pool.apply(WorkloadsTasks.noop());
            long t = System.nanoTime();
            out = pool.mapAsync(WorkloadsTasks::twice, new Range(n)).onProgress(p -> calls.incrementAndGet()).join();
            dt = (System.nanoTime() - t) / 1e9;
        }
        check(out.get(n - 1) == (n - 1) * 2, "the last result is " + out.get(n - 1) + ", not " + (n - 1) * 2);
        check(calls.get() >= 1, "the progress listener was never called");
        return n / dt;
    }

    /**
     * {@link #mapRateWithProgress} without the listener: {@code mapAsync(...).join()}, so that the
     * cost of progress is told apart from the cost of an asynchronous map. Not a case of the
     * CPython script: compared with {@code map_1M_default_chunks}.
     */
    static double mapAsyncRate(int n) {
        List<Integer> out;
        double dt;
        try (Pool pool = Pool.create(2)) {
            pool.apply(WorkloadsTasks.noop());
            long t = System.nanoTime();
            out = pool.mapAsync(WorkloadsTasks::twice, new Range(n)).join();
            dt = (System.nanoTime() - t) / 1e9;
        }
        check(out.get(n - 1) == (n - 1) * 2, "the last result is " + out.get(n - 1) + ", not " + (n - 1) * 2);
        return n / dt;
    }

    /** {@code n} round trips of {@code apply(double(i))} on one worker; the mean, in microseconds. */
    static double applyLatency(int n) {
        try (Pool pool = Pool.create(1)) {
            pool.apply(WorkloadsTasks.noop());
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pool.apply(WorkloadsTasks.twice(i));
            }
            return (System.nanoTime() - t) / 1e3 / n;
        }
    }

    /** {@code n} round trips of 1 MiB of random bytes on one worker; megabytes per second, both ways counted. */
    static double bytesRoundtrip(int n) {
        byte[] payload = new byte[MIB];
        new SecureRandom().nextBytes(payload);
        byte[] back = null;
        double dt;
        try (Pool pool = Pool.create(1)) {
            pool.apply(WorkloadsTasks.noop());
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                back = pool.apply(WorkloadsTasks.identity(payload));
            }
            dt = (System.nanoTime() - t) / 1e9;
        }
        check(Arrays.equals(back, payload), "the bytes that came back differ from those sent");
        return n * 2.0 * MIB / dt / 1e6;
    }

    /**
     * Python's {@code pipe_rtt}: a child echoes what it receives through a pipe; after one warm-up
     * round trip, {@code n} round trips of a small int are timed; microseconds per round trip.
     */
    static double pipeRtt(int n) {
        Pipe<Integer> pipe = Pipe.create();
        ChildProcess child = WorkloadsWorkers.echo(pipe.right()).start();
        Connection<Integer> a = pipe.left();
        a.send(0);
        a.recv();
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            a.send(i);
            a.recv();
        }
        double dt = (System.nanoTime() - t) / 1e3 / n;
        a.send(null);
        child.join();
        return dt;
    }

    /**
     * Python's {@code queue_put_get}: this process puts {@code n} small ints on a queue that a
     * child takes from; timed from the first put (after the child has taken a first item and said
     * it is ready) to the child saying it has them all, process start not included; items per
     * second.
     */
    static double queuePutGet(int n) {
        SharedQueue<Integer> q = SharedQueue.create();
        SharedEvent ready = SharedEvent.create();
        SharedEvent done = SharedEvent.create();
        ChildProcess child = WorkloadsWorkers.consume(q, n, ready, done).start();
        double dt;
        try {
            q.put(-1);
            ready.await();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                q.put(i);
            }
            done.await();
            dt = (System.nanoTime() - t) / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        child.join();
        check(q.isEmpty(), "the queue still holds " + q.size() + " items");
        return n / dt;
    }

    /**
     * Python's {@code lock_inc}: two processes each add one {@code n} times to a shared int under
     * a shared lock; timed from both being ready (the start barrier) to both being done (the end
     * barrier), process start not included; nanoseconds per increment.
     */
    static double lockInc(int n) {
        SharedInt v = SharedInt.create(0);
        SharedLock lock = SharedLock.create();
        SharedBarrier start = SharedBarrier.create(3);
        SharedBarrier end = SharedBarrier.create(3);
        List<ChildProcess> processes = List.of(WorkloadsWorkers.bump(v, lock, n, start, end).start(),
                WorkloadsWorkers.bump(v, lock, n, start, end).start());
        double dt;
        try {
            start.await();
            long t = System.nanoTime();
            end.await();
            dt = System.nanoTime() - t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        for (ChildProcess process : processes) {
            process.join();
        }
        check(v.get() == 2 * n, "the value is " + v.get() + ", not " + 2 * n);
        return dt / (2.0 * n);
    }

    /**
     * Python's {@code event_pingpong}: the turn goes back and forth between this process and a
     * child through two events (set, wait, clear), after one warm-up round; microseconds per
     * round trip, the mean of {@code n}: the wake-up latency of a blocked waiter.
     */
    static double eventPingpong(int n) {
        SharedEvent ping = SharedEvent.create();
        SharedEvent pong = SharedEvent.create();
        ChildProcess process = WorkloadsWorkers.pong(ping, pong, n).start();
        double dt;
        try {
            ping.set();
            pong.await();
            pong.clear();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ping.set();
                pong.await();
                pong.clear();
            }
            dt = (System.nanoTime() - t) / 1e3 / n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        process.join();
        return dt;
    }

    /**
     * Python's {@code manager_dict_set}: a manager is started, then {@code n} item assignments
     * {@code d[i] = i} on one of its dicts are timed; microseconds per assignment.
     */
    static double managerDictSet(int n) {
        try (Manager m = Manager.start()) {
            Map<Integer, Integer> d = m.dict();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                d.put(i, i);
            }
            double dt = (System.nanoTime() - t) / 1e3 / n;
            check(d.size() == n, "the dict holds " + d.size() + " items");
            return dt;
        }
    }

    /**
     * Python's {@code manager_remote_dict_set}: a server on 127.0.0.1 with a random 16-byte key,
     * in another process; this process {@code connect}s as a client and {@code n} item assignments
     * on the server's dict are timed; microseconds per assignment.
     */
    static double managerRemoteDictSet(int n) {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        try (Manager server = Manager.builder().address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .authkey(key).start();
                Manager client = Manager.connect(server.address(), key)) {
            Map<Integer, Integer> d = client.dict("shared");
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                d.put(i, i);
            }
            double dt = (System.nanoTime() - t) / 1e3 / n;
            check(d.size() == n, "the dict holds " + d.size() + " items");
            return dt;
        }
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
