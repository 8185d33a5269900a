package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.launch.ShuttingDownException;
import io.multiprocessing4j.internal.wire.EncodedTask;
import io.multiprocessing4j.internal.wire.Frame;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.RunFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Supplies a pool with workers: starts them (the first ones in parallel, replacements each on a
 * thread of its own), names them ({@code PoolWorker-N}, the one place that does), hands each
 * its identity and initializer, and keeps the broken-pool rule: workers that die before they
 * are ready, or cannot start, {@value #FAILED_STARTS_LIMIT} times in a row, stop the
 * replacing, rather than spinning. So does this JVM's shutdown: no worker is started then
 * ({@link ShuttingDownException}), and the work waiting for one fails instead of hanging.
 *
 * <p>Its counters are guarded by the pool's lock; launching and the handshake run outside it.
 */
final class WorkerSupply {

    /** Workers that die before becoming ready, or cannot start, in a row, before the pool gives up. */
    static final int FAILED_STARTS_LIMIT = 3;

    private final PoolCore pool;
    private final WorkerLauncher launcher;
    private final List<String> jvmOptions;
    /** The initializer every worker runs first, or {@code null}. */
    private final EncodedTask initializer;

    /** Replacements launched and not yet taken in or failed. */
    private int starting;
    private int failedStarts;
    private int workerNumber;
    /** Why the pool stopped replacing workers; set once, then every unit fails with it. */
    private String brokenBecause;

    WorkerSupply(PoolCore pool, WorkerLauncher launcher, List<String> jvmOptions, EncodedTask initializer) {
        this.pool = pool;
        this.launcher = launcher;
        this.jvmOptions = jvmOptions;
        this.initializer = initializer;
    }

    /** The name of the next worker. Under the lock. */
    private String nextName() {
        return "PoolWorker-" + ++workerNumber;
    }

    /**
     * Starts the pool's first {@code count} workers, all booting in parallel, and returns once
     * every one has connected back.
     *
     * @throws ProcessStartException if one cannot start; none is left running
     */
    void startFirst(int count) {
        List<WorkerLauncher.Booting> booting = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String name;
                synchronized (pool.lock) {
                    name = nextName();
                }
                names.add(name);
                booting.add(launcher.launch(name, jvmOptions));
            }
            for (int i = 0; i < booting.size(); i++) {
                admit(names.get(i), booting.get(i));
            }
        } catch (RuntimeException e) {
            for (WorkerLauncher.Booting worker : booting) {
                worker.abandon();
            }
            throw e;
        }
    }

    /** Starts {@code count} replacements, each on a thread of its own. Under the lock. */
    void replace(int count) {
        for (int i = 0; i < count; i++) {
            starting++;
            String name = nextName();
            Thread starter = new Thread(() -> startReplacement(name), name + "-starter");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private void startReplacement(String name) {
        ProcessStartException failure = null;
        try {
            admit(name, launcher.launch(name, jvmOptions));
        } catch (ProcessStartException e) {
            failure = e;
        }
        synchronized (pool.lock) {
            starting--;
            if (failure instanceof ShuttingDownException) {
                breakWith("this JVM is shutting down, and no worker is started any more");
            } else if (failure != null) {
                countFailedStart("its replacement workers cannot start: " + failure.getMessage());
            }
        }
        pool.supplyChanged();
    }

    /**
     * Waits for a launched worker's handshake, takes it into the pool and sends it its identity
     * and initializer. A worker that dies before it was taken in is left to its exit event.
     *
     * @throws ProcessStartException if the worker did not connect
     */
    private void admit(String name, WorkerLauncher.Booting booting) {
        WorkerHandle worker = new WorkerHandle(pool, name);
        WorkerLauncher.Connection connection = booting.await(worker);
        worker.connection = connection;
        pool.admitted(worker);
        ProcessInfo self = Multiprocessing.currentProcess();
        RunFrame run = new RunFrame(FrameType.RUN_WORKER, connection.pid(), connection.name(), self.name(),
                self.pid(), initializer);
        try {
            connection.sendAll(new Frame[] {run}, 1);
        } catch (IOException e) {
            // it died at once; its exit is handled like any other
        }
    }

    /** Replacements launched and not yet taken in. Under the lock. */
    int starting() {
        return starting;
    }

    /** Why the pool stopped replacing workers, or {@code null}. Under the lock. */
    String brokenBecause() {
        return brokenBecause;
    }

    /** A worker became ready: the failures in a row start over. Under the lock. */
    void becameReady() {
        failedStarts = 0;
    }

    /** A worker exited before it was ready. Under the lock. */
    void diedBeforeReady(WorkerHandle worker, ExitStatus status) {
        countFailedStart(failedStarts + 1 + " workers in a row died before they were ready; the last, " + worker
                + ", " + status.describe()
                + (status.lastWords().isEmpty() ? "" : "; its last words: " + status.lastWords()));
    }

    /** A worker's initializer ran past its time limit: a failed start. Under the lock. */
    void initializerTimedOut(String why) {
        countFailedStart(failedStarts + 1 + " workers in a row were not ready in time; the last: " + why);
    }

    private void countFailedStart(String why) {
        failedStarts++;
        if (failedStarts >= FAILED_STARTS_LIMIT) {
            breakWith(why);
        }
    }

    private void breakWith(String why) {
        if (brokenBecause == null) {
            brokenBecause = why;
        }
    }
}
