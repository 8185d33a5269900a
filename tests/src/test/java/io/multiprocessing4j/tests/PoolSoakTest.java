package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.TaskException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7's randomized soak: on one pool of two, for a bounded time, a random mix of ordinary
 * tasks, tasks straddling their own short limit, workers halting, results whose encoding throws an
 * Error, exceptions whose {@code getMessage()} throws, cancels (killing and not) at random moments,
 * {@code mapAsync}, {@code imap} and {@code imapUnordered} runs with random chunksizes, for about
 * 40 seconds ({@code -Dsoak.seconds=N}), at the pace the pool sustains (at most 64 operations
 * outstanding), and a {@code close()} from another thread while submissions go on. Every submitted result completes exactly once with the right
 * value or the right exception, {@code close()} returns, and the workers started stay in proportion
 * to the deaths the mix caused. The seed is printed (shown if the test fails) and can be replayed
 * with {@code -Dsoak.seed=N}.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolSoakTest {

    /** How long the mix is submitted; close() comes from another thread in its last quarter. */
    private static final Duration RUN_FOR = Duration.ofSeconds(Long.getLong("soak.seconds", 40));
    /**
     * Operations outstanding at most: before it submits another, the submitter waits (with a
     * bound) for the one this many before it, so the mix goes on for the whole run at the pace the
     * pool sustains, and a pool that hangs fails the test at once.
     */
    private static final int OUTSTANDING = 64;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration STRADDLED_LIMIT = Duration.ofMillis(30);

    /** One submitted operation: what it was, its future, and what it may come to. */
    private abstract static class Submitted {
        final String what;
        final Future<?> result;

        Submitted(String what, Future<?> result) {
            this.what = what;
            this.result = result;
        }

        /** {@return why {@code outcome} is wrong for this operation, or {@code null} if it is right} */
        abstract String check(Object outcome);
    }

    @Test
    void everyResultCompletesOnceWithTheRightOutcomeUnderAHostileMix() throws Exception {
        long seed = Long.getLong("soak.seed", System.nanoTime());
        System.out.println("PoolSoakTest seed: " + seed + " (replay with -Dsoak.seed=" + seed + ")");
        Random random = new Random(seed);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak: cancels");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak: close()");
            t.setDaemon(true);
            return t;
        });
        List<Submitted> submitted = new ArrayList<>();
        AtomicInteger killingCancels = new AtomicInteger();
        try (StartedWorkers started = new StartedWorkers()) {
            Pool pool = started.build(Pool.builder().processes(2).initializer(started.initializer()));
            long runMillis = RUN_FOR.toMillis();
            long closeAfter = runMillis * 3 / 4 + (long) (random.nextDouble() * runMillis / 4);
            CompletableFuture<Void> closed = new CompletableFuture<>();
            closer.schedule(() -> {
                try {
                    pool.close();
                    closed.complete(null);
                } catch (Throwable e) {
                    closed.completeExceptionally(e);
                }
            }, closeAfter, TimeUnit.MILLISECONDS);
            long giveUp = System.nanoTime() + RUN_FOR.plusSeconds(30).toNanos();
            boolean rejected = false;
            for (int op = 0; !rejected; op++) {
                if (op >= OUTSTANDING) {
                    Submitted old = submitted.get(op - OUTSTANDING);
                    Outcome.of(old.result, WAIT, old.what + " (seed " + seed + ")");
                }
                assertTrue(System.nanoTime() - giveUp < 0, "seed " + seed + ": close(), scheduled after "
                        + closeAfter + " ms, has not stopped submissions within " + RUN_FOR.plusSeconds(30));
                try {
                    submitted.add(submitOne(pool, op, random, later, killingCancels));
                } catch (IllegalStateException e) {
                    rejected = true; // close() has begun: the pool takes no new work, as documented
                }
            }

            List<String> wrong = new ArrayList<>();
            int died = 0;
            int timeouts = 0;
            for (Submitted s : submitted) {
                Object outcome = Outcome.of(s.result, WAIT, s.what + " (seed " + seed + ")");
                String problem = s.check(outcome);
                if (problem != null) {
                    wrong.add(s.what + ": " + problem);
                }
                if (outcome instanceof WorkerDiedException) {
                    died++;
                } else if (outcome instanceof TaskTimeoutException) {
                    timeouts++;
                }
            }
            Outcome.of(closed, WAIT, "close() from another thread (seed " + seed + ")");
            assertTrue(wrong.isEmpty(), "seed " + seed + ": " + wrong.size() + " of " + submitted.size()
                    + " operations came to the wrong outcome: " + wrong);
            int deaths = died + timeouts + killingCancels.get();
            int allowed = 2 + deaths + timeouts + 4;
            assertTrue(started.count() <= allowed, "seed " + seed + ": " + started.count() + " workers started for "
                    + died + " deaths, " + timeouts + " timeouts and " + killingCancels + " killing cancels (at most "
                    + allowed + " expected): " + started.files());
            System.out.println("PoolSoakTest: " + submitted.size() + " operations, close() after " + closeAfter
                    + " ms, " + died + " deaths, " + timeouts + " timeouts, " + killingCancels
                    + " killing cancels, " + started.count() + " workers started");
        } finally {
            later.shutdownNow();
            closer.shutdownNow();
        }
    }

    /** Submits one random operation, numbered {@code op}. */
    private static Submitted submitOne(Pool pool, int op, Random random, ScheduledExecutorService later,
            AtomicInteger killingCancels) {
        int roll = random.nextInt(100);
        if (roll < 50) {
            int millis = random.nextInt(6);
            return expectValue("ordinary sleepThenSquare(" + millis + ", " + op + ")",
                    pool.applyAsync(HostileJobsTasks.sleepThenSquare(millis, op)), op * op);
        }
        if (roll < 58) {
            int millis = (int) STRADDLED_LIMIT.toMillis() + (random.nextBoolean() ? 2 : -2);
            AsyncResult<Integer> result = pool.applyAsync(HostileJobsTasks.sleepThenSquare(millis, op), STRADDLED_LIMIT);
            return new Submitted("straddling sleepThenSquare(" + millis + ", " + op + ") limit " + STRADDLED_LIMIT, result) {
                @Override
                String check(Object outcome) {
                    return Integer.valueOf(op * op).equals(outcome) || outcome instanceof TaskTimeoutException
                            ? null : "expected " + op * op + " or a timeout, got " + describe(outcome);
                }
            };
        }
        if (roll < 60) {
            int code = 3 + random.nextInt(20);
            AsyncResult<Integer> result = pool.applyAsync(HostileJobsTasks.halt(code));
            return new Submitted("halt(" + code + ") #" + op, result) {
                @Override
                String check(Object outcome) {
                    return outcome instanceof WorkerDiedException && ((WorkerDiedException) outcome).exitCode() == code
                            ? null : "expected a death with exit code " + code + ", got " + describe(outcome);
                }
            };
        }
        if (roll < 63) {
            return expectTaskException("unwritableResult(" + op + ")", pool.applyAsync(HostileJobsTasks.unwritableResult(op)));
        }
        if (roll < 65) {
            return expectTaskException("throwMessageBomb(" + op + ")", pool.applyAsync(HostileJobsTasks.throwMessageBomb(op)));
        }
        if (roll < 72) {
            int millis = random.nextInt(40);
            boolean kill = random.nextBoolean();
            AsyncResult<Integer> result = pool.applyAsync(HostileJobsTasks.sleepThenSquare(millis, op));
            CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
            later.schedule(() -> {
                boolean did = result.cancel(kill);
                if (did && kill) {
                    killingCancels.incrementAndGet();
                }
                cancelled.complete(did);
            }, random.nextInt(30), TimeUnit.MILLISECONDS);
            return new Submitted("sleepThenSquare(" + millis + ", " + op + ") cancel(" + kill + ")", result) {
                @Override
                String check(Object outcome) {
                    Object did = Outcome.of(cancelled, WAIT, "the cancel of " + what);
                    if (Boolean.TRUE.equals(did)) {
                        return outcome instanceof CancellationException ? null
                                : "cancel() returned true, but it came to " + describe(outcome);
                    }
                    return Integer.valueOf(op * op).equals(outcome) ? null
                            : "cancel() returned false, but it came to " + describe(outcome);
                }
            };
        }
        // squares of items below 40,000 do not overflow, so they ascend with the items
        int from = op % 1000 * 40;
        List<Integer> items = IntStream.range(from, from + 1 + random.nextInt(30)).boxed()
                .collect(Collectors.toList());
        List<Integer> squares = items.stream().map(x -> x * x).collect(Collectors.toList());
        int chunksize = 1 + random.nextInt(5);
        if (roll < 88) {
            return expectValue("mapAsync of " + items.size() + " from " + from + ", chunksize " + chunksize,
                    pool.mapAsync(x -> HostileJobsTasks.sleepThenSquare(0, x), items, chunksize), squares);
        }
        // A result delivered twice shows as one too many (unordered) or out of place (ordered).
        boolean ordered = random.nextBoolean();
        Iterator<Integer> stream = (ordered
                ? pool.imap(x -> HostileJobsTasks.sleepThenSquare(1, x), items, chunksize)
                : pool.imapUnordered(x -> HostileJobsTasks.sleepThenSquare(1, x), items, chunksize)).iterator();
        CompletableFuture<List<Object>> consumed = CompletableFuture.supplyAsync(() -> {
            List<Object> out = new ArrayList<>();
            try {
                while (stream.hasNext()) {
                    out.add(stream.next());
                }
            } catch (IllegalStateException e) {
                out.add(e); // close() came before the stream had read all of its input
            }
            return out;
        }, StartedWorkers.daemon("soak: imap " + op));
        String kind = ordered ? "imap" : "imapUnordered";
        return new Submitted(kind + " of " + items.size() + " from " + from + ", chunksize " + chunksize, consumed) {
            @Override
            String check(Object outcome) {
                if (!(outcome instanceof List<?>)) {
                    return "the stream threw " + describe(outcome);
                }
                List<Object> got = new ArrayList<>((List<?>) outcome);
                boolean cutByClose = !got.isEmpty() && got.get(got.size() - 1) instanceof IllegalStateException;
                if (cutByClose) {
                    got.remove(got.size() - 1);
                }
                if (!ordered) {
                    got.sort((a, b) -> Integer.compare((Integer) a, (Integer) b));
                }
                // close() may cut the input short: then the results are those of the items read,
                // a prefix of the input (squares of ascending items are ascending)
                boolean right = cutByClose
                        ? got.size() <= squares.size() && squares.subList(0, got.size()).equals(got)
                        : got.equals(squares);
                return right ? null : "expected " + squares + ", got " + outcome;
            }
        };
    }

    private static Submitted expectValue(String what, Future<?> result, Object expected) {
        return new Submitted(what, result) {
            @Override
            String check(Object outcome) {
                return expected.equals(outcome) ? null : "expected " + expected + ", got " + describe(outcome);
            }
        };
    }

    private static Submitted expectTaskException(String what, Future<?> result) {
        return new Submitted(what, result) {
            @Override
            String check(Object outcome) {
                return outcome instanceof TaskException && !(outcome instanceof TaskTimeoutException)
                        && ((TaskException) outcome).getMessage().contains(what)
                        ? null : "expected a failure naming the task, got " + describe(outcome);
            }
        };
    }

    private static String describe(Object outcome) {
        if (outcome instanceof Throwable) {
            return outcome.getClass().getSimpleName() + ": " + ((Throwable) outcome).getMessage();
        }
        return String.valueOf(outcome);
    }
}
