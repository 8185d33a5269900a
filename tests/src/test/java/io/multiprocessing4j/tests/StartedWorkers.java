package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The workers a pool started, as its initializer ({@link HostileJobs#recordStart}) records them:
 * a test counts them (a restart storm shows here), and after a failed test, kills those still
 * running, so a pool that hangs or a worker that spins does not load the tests that follow.
 */
final class StartedWorkers implements AutoCloseable {

    private final Path dir;
    private final List<Pool> pools = new ArrayList<>();

    StartedWorkers() {
        try {
            dir = Files.createTempDirectory("mp4j-started-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the initializer that records each worker it runs in} */
    Task<Void> initializer() {
        return HostileJobsTasks.recordStart(dir.toString());
    }

    /**
     * Builds {@code builder}'s pool, to be terminated by {@link #close()} if the test leaves it
     * running (a {@code terminate()} that hangs too is left to its daemon thread).
     */
    Pool build(Pool.Builder builder) {
        Pool pool = builder.build();
        pools.add(pool);
        return pool;
    }

    /** {@return the directory where the initializer leaves its files} */
    String directory() {
        return dir.toString();
    }

    /** {@return how many workers have run the initializer so far} */
    int count() {
        return files().size();
    }

    /** {@return the pids of the workers that have run the initializer so far} */
    List<Long> pids() {
        return files().stream()
                .map(name -> Long.valueOf(name.substring(name.lastIndexOf('-') + 1)))
                .collect(Collectors.toList());
    }

    /** {@return the recorded workers, {@code PoolWorker-N-pid}, for messages} */
    List<String> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes {@code pool}, failing if {@code close()} does not return within {@code limit}; a
     * stuck {@code close()} is left to its thread, and {@link #close()} kills the workers.
     */
    static void closeWithin(Pool pool, Duration limit) {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close, daemon("close()"));
        try {
            closing.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("Pool.close() did not return within " + limit.toSeconds() + " s; " + Outcome.liveChildren());
        } catch (ExecutionException e) {
            throw new AssertionError("Pool.close() threw", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while closing the pool", e);
        }
    }

    /** An executor that runs each action on a daemon thread of its own, so a stuck one does not hold the JVM. */
    static java.util.concurrent.Executor daemon(String what) {
        return action -> {
            Thread thread = new Thread(action, "test: " + what);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** Kills every recorded worker still running and removes the records. */
    @Override
    public void close() {
        for (Pool pool : pools) {
            CompletableFuture<Void> terminated = CompletableFuture.runAsync(pool::terminate, daemon("terminate()"));
            try {
                terminated.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the test has failed already; what is left is killed below or exits with this JVM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
