package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.wire.Frame;
import io.multiprocessing4j.internal.wire.FrameTooLargeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Starts the pool's workers: the seam between the pool's policy and real processes. The pool's
 * own launcher starts worker JVMs ({@link JvmWorkerLauncher}); a test's launcher hands the pool
 * workers that live in the test's own JVM, so that stealing, requeueing, the broken-pool rule,
 * close and terminate are tested in milliseconds and without timing.
 */
interface WorkerLauncher {

    /**
     * Starts a worker and returns while it boots, so that many boot in parallel.
     *
     * @param name the worker's name, {@code PoolWorker-N}
     * @throws ProcessStartException if it cannot be started; a
     *     {@code launch.ShuttingDownException} if this JVM is shutting down and nothing was started
     */
    Booting launch(String name, List<String> jvmOptions);

    /** A worker that has been started and has not yet connected back. */
    interface Booting {
        /**
         * Waits until the worker has connected back; from then on what it sends goes to
         * {@code events}, on a thread of the launcher's, one event at a time.
         *
         * @throws ProcessStartException if it did not connect; it is gone then
         */
        Connection await(Events events);

        /** Stops a worker that is no longer wanted while it boots. */
        void abandon();
    }

    /** A connected worker, as the pool talks to it. */
    interface Connection {
        /** The worker's pid. */
        long pid();

        /** The worker's name. */
        String name();

        /**
         * Sends frames, in order, in one write.
         *
         * @throws IOException if the worker is gone; its exit is reported through {@link Events#onExit}
         */
        void sendAll(Frame[] frames, int count) throws IOException;

        /** Kills the worker and every process it started; its exit follows as an event. */
        void kill();

        /**
         * The worker's resident memory in bytes, or -1 if it cannot be read; for
         * {@code maxMemoryPerChild}. A test's worker may say what it likes.
         */
        default long residentBytes() {
            return ResidentMemory.of(pid());
        }
    }

    /** What a connected worker tells the pool, in order, on one thread per worker. */
    interface Events {
        /** A frame; {@code body} is valid only during the call. */
        void onFrame(int type, ByteBuffer body);

        /** Every frame received so far has been handed over: the moment to act once for a batch. */
        void onIdle();

        /** A frame too large for this JVM's memory was skipped. */
        void onFrameTooLarge(FrameTooLargeException e);

        /** The worker has exited and everything it sent has been handed over; called once. */
        void onExit(ExitStatus status);
    }
}
