package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.TaskFailedException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.wire.ResultStatus;
import io.multiprocessing4j.internal.wire.ResultsFrame;
import io.multiprocessing4j.internal.wire.ThrowableCodec;
import io.multiprocessing4j.internal.wire.WireException;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The outcomes of one unit's tasks, gathered before they are delivered, and every exception the
 * pool gives a user about a task: a decoded result becomes an outcome here and nowhere else.
 * Built outside the pool's lock (decoding runs no pool state), delivered after it is released.
 */
final class Outcomes {

    private final Unit unit;
    private final Object[] values;
    private RuntimeException[] errors;
    /** Tasks from here on are not this unit's any more (requeued after a timeout). */
    private int limit;
    /** The worker said it halts to stop this unit, which was cancelled while it ran. */
    boolean haltingForCancel;
    /** The worker dropped this unit unstarted, as asked. */
    boolean dropped;

    Outcomes(Unit unit) {
        this.unit = unit;
        this.values = new Object[unit.size];
        this.limit = values.length;
    }

    /**
     * Decodes a results frame of {@code unit} from {@code worker}. Whatever decoding throws,
     * {@code Error}s of user code included, fails the tasks from there on with why; an
     * {@link OutOfMemoryError} says the parent ran out of memory and how big the message was.
     *
     * @param initializer the pool's initializer as written in Java, for tasks it kept from running
     */
    static Outcomes decode(Unit unit, WorkerHandle worker, ResultsFrame.Reader frame, String initializer,
            Throwable initializerFailure) {
        Outcomes outcomes = new Outcomes(unit);
        frame.begin(unit.loader);
        int i = 0;
        try {
            for (; i < frame.count; i++) {
                byte status = frame.status();
                switch (status) {
                    case ResultStatus.RETURNED:
                        outcomes.values[i] = frame.value();
                        break;
                    case ResultStatus.THREW: {
                        Throwable thrown = frame.thrown(unit.loader);
                        outcomes.fail(i, new TaskFailedException(unit.describe(i) + " failed in " + worker + ": "
                                + ThrowableCodec.describe(thrown), worker.toString(), unit.describe(i), thrown));
                        break;
                    }
                    case ResultStatus.RESULT_NOT_CARRIABLE:
                        outcomes.fail(i, new TaskFailedException(unit.describe(i) + " ran in " + worker
                                + ", but its result cannot be sent back: " + frame.problem(), worker.toString(),
                                unit.describe(i), null));
                        break;
                    case ResultStatus.INITIALIZER_FAILED:
                        outcomes.fail(i, new TaskFailedException(unit.describe(i) + " was not run: the pool's"
                                + " initializer " + initializer + " failed in " + worker + ": "
                                + (initializerFailure == null ? null : ThrowableCodec.describe(initializerFailure)),
                                worker.toString(), unit.describe(i), initializerFailure));
                        break;
                    case ResultStatus.CANCELLED_WHILE_RUNNING:
                        outcomes.haltingForCancel = true;
                        return outcomes;
                    case ResultStatus.CANCELLED:
                        outcomes.dropped = true;
                        return outcomes;
                    default:
                        throw new WireException(worker + " sent unknown result status " + status, null);
                }
            }
        } catch (OutOfMemoryError e) {
            outcomes.failUndecoded(worker, i, frame.count, outOfMemory(frame.size(), "decoding", e));
        } catch (RuntimeException | Error e) {
            // a WireException, or an Error of user code (a readObject) that the codec let through
            outcomes.failUndecoded(worker, i, frame.count, e);
        }
        return outcomes;
    }

    /** The outcomes of a results frame the parent had no memory to read: every task fails saying so. */
    static Outcomes tooLarge(Unit unit, WorkerHandle worker, int count, long bytes, OutOfMemoryError e) {
        Outcomes outcomes = new Outcomes(unit);
        outcomes.failUndecoded(worker, 0, Math.min(count, unit.size), outOfMemory(bytes, "reading", e));
        return outcomes;
    }

    private static IllegalStateException outOfMemory(long bytes, String doing, OutOfMemoryError e) {
        return new IllegalStateException("the parent ran out of memory " + doing + " the result, a message of "
                + bytes + " bytes (" + e.getMessage() + "); give the parent JVM a larger heap (-Xmx), or return"
                + " less per task or per chunk", e);
    }

    /** Every task of {@code unit} fails with {@code error}. */
    static Outcomes allFailed(Unit unit, RuntimeException error) {
        Outcomes outcomes = new Outcomes(unit);
        for (int i = 0; i < unit.size; i++) {
            outcomes.fail(i, error);
        }
        return outcomes;
    }

    /** The worker died under {@code unit}. */
    static WorkerDiedException died(WorkerHandle worker, Unit unit, ExitStatus status) {
        return new WorkerDiedException(worker + " died while running " + unit + ": " + status.describe()
                + lastWords(status), worker.toString(), unit.describe(0), status.code());
    }

    /** The worker died under task {@code index} of the chunk {@code unit}. */
    static WorkerDiedException diedAt(WorkerHandle worker, Unit unit, int index, ExitStatus status) {
        String task = unit.describe(index);
        return new WorkerDiedException(worker + " died while running " + task + ", task " + (index + 1) + " of a chunk of "
                + unit.size + ": " + status.describe() + lastWords(status), worker.toString(), task, status.code());
    }

    private static String lastWords(ExitStatus status) {
        return status.lastWords().isEmpty() ? "" : "; its last words: " + status.lastWords();
    }

    /** Task {@code index} of {@code unit} ran past its limit. */
    static TaskTimeoutException timedOut(WorkerHandle worker, Unit unit, int index) {
        Duration limit = Duration.ofNanos(unit.timeoutNanos);
        String task = unit.describe(index);
        return new TaskTimeoutException(task + " ran past its time limit of " + describe(limit) + " in "
                + worker + "; the worker was killed and replaced", worker.toString(), task, limit);
    }

    /** {@code unit} was not run, {@code because}: the pool stopped replacing its workers, or an initializer hung. */
    static WorkerDiedException notRun(Unit unit, String because) {
        return new WorkerDiedException(unit + " was not run: " + because, "none", unit.describe(0), -1);
    }

    /** {@code unit} did not finish before the pool was terminated. */
    static CancellationException terminated(Unit unit) {
        return new CancellationException("the pool was terminated before " + unit + " finished");
    }

    /** A time limit in the largest unit that shows it exactly: "3 s", "250 ms", "1 ns". */
    static String describe(Duration limit) {
        long nanos = limit.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + " ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + " µs";
        }
        return nanos + " ns";
    }

    void fail(int index, RuntimeException error) {
        if (errors == null) {
            errors = new RuntimeException[values.length];
        }
        errors[index] = error;
    }

    /** Only tasks before {@code count} are delivered: the rest were given to another unit. */
    void limit(int count) {
        limit = count;
    }

    /** Tasks {@code from} to {@code count - 1} ran, but their results cannot be had here. */
    void failUndecoded(WorkerHandle worker, int from, int count, Throwable e) {
        String why = e instanceof WireException || e instanceof IllegalStateException ? e.getMessage()
                : ThrowableCodec.describe(e);
        for (int i = from; i < count; i++) {
            fail(i, new TaskFailedException(unit.describe(i) + " ran in " + worker + ", but its result"
                    + " cannot be decoded here: " + why, worker.toString(), unit.describe(i), e));
        }
    }

    /** The tasks {@link #deliver()} hands over. */
    int count() {
        return limit;
    }

    /** How many of the tasks {@link #deliver()} hands over failed. */
    int failedCount() {
        if (errors == null) {
            return 0;
        }
        int failed = 0;
        for (int i = 0; i < limit; i++) {
            if (errors[i] != null) {
                failed++;
            }
        }
        return failed;
    }

    /** Hands the outcomes to the unit's sink. Outside the pool's lock: sinks run user code. */
    void deliver() {
        if (errors == null) {
            unit.sink.returnedAll(unit.firstItem, values, limit);
            return;
        }
        for (int i = 0; i < limit; i++) {
            if (errors[i] != null) {
                unit.sink.failed(unit.firstItem + i, errors[i]);
            } else {
                unit.sink.returned(unit.firstItem + i, values[i]);
            }
        }
    }
}
