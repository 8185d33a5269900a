package io.multiprocessing4j;

import io.multiprocessing4j.internal.pool.PoolCore;
import io.multiprocessing4j.internal.pool.ProgressRelay;
import io.multiprocessing4j.internal.pool.ResultSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The iterator behind {@link Pool#imap} and {@link Pool#imapUnordered}: it reads the input only
 * as results are consumed, keeping at most {@code window} units submitted and not yet consumed,
 * so an infinite input works and memory stays bounded (the fix for Python's bpo-40110, where
 * {@code imap} swallows its whole input).
 *
 * <p>Results are delivered by the pool's threads into per-unit slots; the consuming thread waits
 * on this object's monitor for the slot it needs (ordered) or for any result (unordered).
 *
 * <p>An exception thrown while reading the input (by the iterator, by the function that makes a
 * task, or by the submission of the unit it belongs to) is queued behind the units read before it,
 * as Python's {@code imap} does: the consumer gets every result owed first, then that exception as
 * it was thrown, and then the stream ends. The input is not read again, and nothing owed is
 * cancelled.
 */
final class ResultStream<T, R> implements Iterator<R> {

    private final PoolCore core;
    private final Function<? super T, Task<R>> function;
    private final Iterator<? extends T> items;
    private final int chunksize;
    private final boolean ordered;
    private final int window;
    /** Told of each result's arrival; {@code null} if nobody listens. */
    private final ProgressRelay progress;

    /** Units submitted and not fully consumed, in submission order. Guarded by {@code this}. */
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    /** Unordered only: results that have arrived and not been consumed, and their units. */
    private final ArrayDeque<Object> arrived = new ArrayDeque<>();
    private final ArrayDeque<Slot> arrivedFrom = new ArrayDeque<>();
    private boolean closed;
    /** How far reading the input has come. Written by the consuming thread under the monitor. */
    private Input reading = Input.READING;
    /** What reading the input threw, while {@link #reading} is {@link Input#FAILED}. */
    private Throwable inputFailure;

    /** The states of reading the input: they only move forward. */
    private enum Input {
        /** The input may have more items. */
        READING,
        /** The input threw; the exception is owed to the consumer after every result before it. */
        FAILED,
        /** The input's exception has been thrown to the consumer; the stream has ended. */
        FAILURE_DELIVERED
    }

    ResultStream(PoolCore core, Function<? super T, Task<R>> function, Iterator<? extends T> items,
            int chunksize, boolean ordered, int window, ProgressRelay progress) {
        this.progress = progress;
        this.core = core;
        this.function = function;
        this.items = items;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.window = window;
        refill();
    }

    /**
     * Submits units until the window is full or the input is exhausted. In the consuming thread.
     * Whatever reading or submitting throws is queued behind the units already submitted.
     */
    private void refill() {
        while (true) {
            synchronized (this) {
                if (closed || reading != Input.READING || slots.size() >= window) {
                    return;
                }
            }
            List<Task<R>> tasks = new ArrayList<>(chunksize);
            Throwable failure = null;
            try {
                while (tasks.size() < chunksize && items.hasNext()) {
                    tasks.add(Pool.taskFor(function, items.next()));
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (!tasks.isEmpty()) {
                failure = submit(tasks, failure);
            }
            if (failure != null) {
                synchronized (this) {
                    reading = Input.FAILED;
                    inputFailure = failure;
                    notifyAll();
                }
                return;
            }
            if (tasks.isEmpty()) {
                return;
            }
        }
    }

    /**
     * Submits one unit of {@code tasks}; returns what submitting it threw (the unit then takes no
     * slot and its failure stands for all of its tasks), or else {@code earlier}.
     */
    private Throwable submit(List<Task<R>> tasks, Throwable earlier) {
        Slot slot = new Slot(tasks.size());
        synchronized (this) {
            slots.add(slot);
        }
        try {
            slot.submission = core.submit(tasks.size(), i -> tasks.get(i).call(), 0, slot, PoolCore.DEFAULT_TIMEOUT);
            return earlier;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                slots.remove(slot);
            }
            return e;
        }
    }

    @Override
    public boolean hasNext() {
        refill();
        synchronized (this) {
            if (closed) {
                return false;
            }
            return !slots.isEmpty() || reading == Input.FAILED;
        }
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object outcome;
        synchronized (this) {
            outcome = ordered ? nextInOrder() : nextArrived();
        }
        refill();
        if (outcome instanceof Failure) {
            throw CallerStack.forCaller(((Failure) outcome).error);
        }
        if (outcome instanceof InputFailure) {
            throw rethrow(((InputFailure) outcome).error);
        }
        @SuppressWarnings("unchecked")
        R value = outcome == NULL ? null : (R) outcome;
        return value;
    }

    /**
     * Under the monitor, once every unit read before the input failed has been consumed: the
     * input's exception, which ends the stream.
     */
    private Object takeInputFailure() {
        requireOpen();
        Throwable failure = inputFailure;
        reading = Input.FAILURE_DELIVERED;
        inputFailure = null;
        return new InputFailure(failure);
    }

    /** Under the monitor: the next result of the oldest unit, waiting for it if need be. */
    private Object nextInOrder() {
        if (slots.isEmpty()) {
            return takeInputFailure();
        }
        Slot head = slots.peek();
        awaitUninterruptibly(() -> head.delivered > head.consumed);
        Object outcome = head.outcomes[head.consumed];
        head.outcomes[head.consumed++] = null;
        if (head.consumed == head.outcomes.length) {
            slots.poll();
        }
        return outcome;
    }

    /** Under the monitor: whichever result arrived first, waiting for one if need be. */
    private Object nextArrived() {
        // every arrived result belongs to a slot: with no slot left, only the input's failure is
        awaitUninterruptibly(() -> !arrived.isEmpty() || slots.isEmpty());
        if (arrived.isEmpty()) {
            return takeInputFailure();
        }
        Slot from = arrivedFrom.poll();
        if (++from.consumed == from.outcomes.length) {
            slots.remove(from);
        }
        return arrived.poll();
    }

    /**
     * Under the monitor: waits until {@code ready} holds, like {@code CompletableFuture.join()}
     * not giving up on an interrupt, which is kept for the caller to see.
     *
     * @throws CancellationException if the stream is closed meanwhile
     */
    private void awaitUninterruptibly(BooleanSupplier ready) {
        boolean interrupted = false;
        while (!ready.getAsBoolean()) {
            requireOpen();
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new CancellationException("the stream was closed while waiting for a result");
        }
    }

    /** Cancels the work that has not run and stops reading the input. */
    void close() {
        List<Slot> outstanding;
        synchronized (this) {
            closed = true;
            notifyAll();
            outstanding = new ArrayList<>(slots);
            slots.clear();
            arrived.clear();
            arrivedFrom.clear();
        }
        for (Slot slot : outstanding) {
            if (slot.submission != null) {
                slot.submission.cancel(false);
            }
        }
    }

    /**
     * The results of one unit as the pool delivers them. It counts against the window until all of
     * its results have been consumed.
     */
    private final class Slot implements ResultSink {
        /** Ordered: the results in task order, {@link #NULL} standing for {@code null}. */
        final Object[] outcomes;
        /** Ordered: how many results from the start are present. */
        int delivered;
        int consumed;
        volatile PoolCore.Submission submission;

        Slot(int size) {
            outcomes = new Object[size];
        }

        @Override
        public void returned(int item, Object value) {
            arrive(item, value);
        }

        @Override
        public void failed(int item, RuntimeException error) {
            arrive(item, new Failure(error));
        }

        private void arrive(int item, Object outcome) {
            if (progress != null) {
                progress.advance(1);
            }
            Object present = outcome == null ? NULL : outcome;
            synchronized (ResultStream.this) {
                if (closed) {
                    return;
                }
                if (ordered) {
                    outcomes[item] = present;
                    while (delivered < outcomes.length && outcomes[delivered] != null) {
                        delivered++;
                    }
                } else {
                    arrived.add(present);
                    arrivedFrom.add(this);
                }
                ResultStream.this.notifyAll();
            }
        }
    }

    /** A task's failure, kept in place of its result until the consumer reaches it. */
    private static final class Failure {
        final RuntimeException error;

        Failure(RuntimeException error) {
            this.error = error;
        }
    }

    /** The input's own exception, thrown as it is when the consumer reaches it. */
    private static final class InputFailure {
        final Throwable error;

        InputFailure(Throwable error) {
            this.error = error;
        }
    }

    /** Throws {@code error}, a {@code RuntimeException} or an {@code Error}, as it is. */
    private static RuntimeException rethrow(Throwable error) {
        if (error instanceof Error) {
            throw (Error) error;
        }
        throw (RuntimeException) error;
    }

    /** Stands for a {@code null} result where {@code null} means "not arrived yet". */
    private static final Object NULL = new Object();
}
