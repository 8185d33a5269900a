package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.ProcessTree;
import io.multiprocessing4j.internal.wire.ExitingFrame;
import io.multiprocessing4j.internal.wire.Frame;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameTooLargeException;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.Handshake;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One child JVM, from launch to exit: the operating-system process, its authenticated frame
 * channel, the pumps that copy its output, and the thread that reads what it sends.
 *
 * <p>Launching has two halves so that many children can boot in parallel: {@link #spawn} starts
 * the process and returns at once; {@link Spawned#await} waits for its handshake. A child that
 * exits or stays silent before the handshake fails the launch with its own last words, and is
 * gone when the exception is thrown. With warm start, {@link #spawn} hands the child to a spare
 * JVM of the same options if there is one ({@link Spares}), whose handshake is usually done
 * already; when a child ends, {@link Spares} is told, and boots one in its place.
 *
 * <p>The reader thread is a daemon thread exactly when the child is a daemon: a running
 * non-daemon child keeps the parent JVM alive after {@code main} returns, as Python's
 * non-daemonic processes do. An interrupt of the reader thread stops the child (see
 * {@link #stopAfterInterrupt()}).
 *
 * <p>No child is launched while this JVM shuts down: {@link #spawn} then throws
 * {@link ShuttingDownException} (see {@link LaunchGate}).
 */
public final class ChildJvm implements ProcessInfo {

    /** Receives what a child sends. Every method runs on the child's reader thread. */
    public interface Listener {
        /** A frame this class does not handle itself; {@code body} is valid only during the call. */
        void onFrame(ChildJvm child, int type, ByteBuffer body);

        /** The child has exited and everything it sent has been read; called once. */
        void onExit(ChildJvm child, ExitStatus status);

        /**
         * The frames received so far have all been handed to {@link #onFrame}, and the reader is
         * about to wait for more: the moment to act once for a whole batch of frames.
         */
        default void onIdle(ChildJvm child) {}

        /**
         * A frame arrived that this JVM has no memory to hold; the channel skipped it and goes
         * on. By default the child is killed, as its conversation with the parent is broken.
         */
        default void onFrameTooLarge(ChildJvm child, FrameTooLargeException e) {
            child.kill();
        }
    }

    /** How long a child JVM may take from spawn to hello before it is killed. */
    static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(
            Long.getLong("multiprocessing4j.startTimeoutSeconds", 60));
    /** After exit, how long output still in flight (or held open by a grandchild) is waited for. */
    private static final long DRAIN_MILLIS = 500;
    /** How long a child whose reader was interrupted has to exit after SIGTERM, before SIGKILL. */
    private static final long INTERRUPT_GRACE_MILLIS = 1000;
    private static final AtomicLong IDS = new AtomicLong();

    private final String name;
    private final Process process;
    private final long pid;
    private final FrameChannel channel;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final ClassDataArchive.Plan sharing;
    /** The options it was launched with: the configuration a spare can replace it in. */
    private final List<String> jvmOptions;
    private final Listener listener;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private volatile int signalReported;
    private volatile boolean orderlyShutdown;
    private volatile boolean terminatedByParent;

    private ChildJvm(Spawned spawned, FrameChannel channel, Listener listener) {
        this.sharing = spawned.sharing;
        this.jvmOptions = spawned.jvmOptions;
        this.name = spawned.name;
        this.process = spawned.process;
        this.pid = spawned.process.pid();
        this.channel = channel;
        this.stdout = spawned.stdout;
        this.stderr = spawned.stderr;
        this.listener = listener;
    }

    /**
     * Starts a child JVM and returns while it boots; or, with warm start, hands the child to a
     * spare JVM with the same options, ready or booting, which then becomes the child
     * {@code name} (only its command line still says {@code (spare)}).
     *
     * @param name the child's name, for messages, thread names and the child's command line
     * @param jvmOptions options for the child JVM, after the runtime's defaults
     * @param daemon whether the child must not keep the parent alive
     * @throws ShuttingDownException if this JVM is shutting down; nothing was started or printed
     * @throws ProcessStartException if the {@code java} executable cannot be run, or this JVM's
     *     classes cannot be given to a child, or a system property of warm start is malformed
     *     (the message says why and what to do)
     */
    public static Spawned spawn(String name, List<String> jvmOptions, boolean daemon) {
        if (LaunchGate.refusing()) {
            throw new ShuttingDownException(name, "was not started");
        }
        Spawned spare;
        try {
            spare = Spares.take(jvmOptions);
        } catch (IllegalArgumentException e) {
            throw new ProcessStartException(name + " cannot be started: " + e.getMessage(), e);
        }
        if (spare != null) {
            spare.handOver(name, daemon);
            return spare;
        }
        return launch(name, jvmOptions, daemon, true);
    }

    /**
     * Launches a spare for children with {@code jvmOptions}; see {@link Spares}.
     *
     * @throws ShuttingDownException if this JVM is shutting down
     * @throws ProcessStartException if it cannot be launched
     */
    static Spawned spawnSpare(List<String> jvmOptions) {
        return launch(Spares.NAME, jvmOptions, true, false);
    }

    /** Boots a JVM; {@code mayRecord} lets it be the one that records the class-data archive. */
    private static Spawned launch(String name, List<String> jvmOptions, boolean daemon, boolean mayRecord) {
        LaunchGate.enter(name);
        Process process = null;
        ClassDataArchive.Plan sharing = ClassDataArchive.Plan.NONE;
        try {
            Path argFile = argumentFile(name);
            sharing = ClassDataArchive.plan(jvmOptions, mayRecord);
            // The JVM starts first and boots while the parent opens its socket and makes the
            // secrets: the child only needs them once it reads its standard input.
            List<String> command = JvmCommand.build(name, ProcessHandle.current().pid(), argFile, sharing.options,
                    jvmOptions);
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ProcessStartException(name + " could not be started: " + e.getMessage(), e);
        } finally {
            LaunchGate.started(process);
            if (process == null) {
                sharing.finish(null);
            }
        }
        OutputPump stdout = OutputPump.start(process.getInputStream(), OutputPump.STDOUT, name, "stdout");
        OutputPump stderr = OutputPump.start(process.getErrorStream(), OutputPump.STDERR, name, "stderr");
        ParentEndpoint endpoint;
        try {
            endpoint = ParentEndpoint.get();
        } catch (UncheckedIOException e) {
            process.toHandle().destroyForcibly();
            LaunchGate.booted(process);
            sharing.finish(null);
            throw new ProcessStartException(name + " could not be started: " + e.getMessage(), e);
        }
        long id = IDS.incrementAndGet();
        byte[] childSecret = Handshake.newSecret();
        byte[] parentSecret = Handshake.newSecret();
        CompletableFuture<SocketChannel> connected = endpoint.expect(id, childSecret, parentSecret);
        try (OutputStream stdin = process.getOutputStream()) {
            new Handshake.Bootstrap(endpoint.port(), id, childSecret, parentSecret).writeTo(stdin);
        } catch (IOException e) {
            // the JVM died at once; await() reports it with the JVM's own words
        }
        return new Spawned(name, id, daemon, jvmOptions, process, endpoint, connected, stdout, stderr, sharing);
    }

    private static Path argumentFile(String name) throws IOException {
        try {
            return ArgumentFile.get();
        } catch (ChildClassPath.UnusableException e) {
            throw new ProcessStartException(name + " cannot be started: " + e.getMessage(), null);
        }
    }

    /** A child JVM that has been started and has not yet connected back. */
    public static final class Spawned {
        /** Changed by {@link #handOver} only, before the spare is awaited, by the thread that awaits it. */
        private String name;
        private final long id;
        private boolean daemon;
        private final List<String> jvmOptions;
        private final Process process;
        private final ParentEndpoint endpoint;
        private final CompletableFuture<SocketChannel> connected;
        private final OutputPump stdout;
        private final OutputPump stderr;
        private final ClassDataArchive.Plan sharing;

        private Spawned(String name, long id, boolean daemon, List<String> jvmOptions, Process process,
                ParentEndpoint endpoint, CompletableFuture<SocketChannel> connected, OutputPump stdout,
                OutputPump stderr, ClassDataArchive.Plan sharing) {
            this.name = name;
            this.id = id;
            this.daemon = daemon;
            this.jvmOptions = jvmOptions;
            this.process = process;
            this.endpoint = endpoint;
            this.connected = connected;
            this.stdout = stdout;
            this.stderr = stderr;
            this.sharing = sharing;
        }

        /** The child's name. */
        public String name() {
            return name;
        }

        /** The child's pid, known from the moment it was spawned. */
        public long pid() {
            return process.pid();
        }

        /** Makes a spare the child {@code name}: its messages and threads say so from now on. */
        void handOver(String name, boolean daemon) {
            this.name = name;
            this.daemon = daemon;
            stdout.rename(name, "stdout");
            stderr.rename(name, "stderr");
        }

        /**
         * From now on, each line the child writes on its standard output and error is written
         * after its name, {@code [PoolWorker-3] } (see {@code OutputPump}).
         */
        public void prefixOutput() {
            stdout.prefixLines();
            stderr.prefixLines();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        Process process() {
            return process;
        }

        /** Completes with the connection once the child has proved itself. */
        CompletableFuture<SocketChannel> connection() {
            return connected;
        }

        /** Completes when the process has exited. */
        CompletableFuture<Process> exited() {
            return process.onExit();
        }

        /**
         * Waits until the child has connected and proved itself, then starts reading what it
         * sends.
         *
         * @throws ShuttingDownException if the child was stopped while booting because this JVM
         *     is shutting down
         * @throws ProcessStartException if the child exited first or did not connect in time; the
         *     child is dead when it is thrown
         */
        public ChildJvm await(Listener listener) {
            try {
                CompletableFuture.anyOf(connected, process.onExit())
                        .get(START_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw fail("did not connect back within "
                        + TimeUnit.NANOSECONDS.toSeconds(START_TIMEOUT_NANOS) + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail("was abandoned: the starting thread was interrupted", e);
            } catch (ExecutionException e) {
                throw fail("could not be admitted: " + e.getCause().getMessage(), e.getCause());
            }
            SocketChannel connection = connected.getNow(null);
            if (connection == null) {
                throw fail("exited with code " + process.exitValue() + " before connecting", null);
            }
            LaunchGate.booted(process);
            FrameChannel channel;
            try {
                channel = ChildConnection.frameChannel(connection);
            } catch (IOException e) {
                closeQuietly(connection);
                throw fail("could not be connected: " + e.getMessage(), e);
            }
            ChildJvm child = new ChildJvm(this, channel, listener);
            Thread reader = new Thread(name + "-reader") { // not a lambda: see LaunchGate
                @Override
                public void run() {
                    child.readUntilExit();
                }
            };
            reader.setDaemon(daemon);
            reader.start();
            return child;
        }

        /** Kills the child if it is still booting; for launches that are no longer wanted. */
        public void abandon() {
            endpoint.forget(id);
            process.toHandle().destroyForcibly(); // keeps its output readable: see ProcessTree
            LaunchGate.booted(process);
            connected.thenAccept(ChildJvm::closeQuietly);
        }

        private ProcessStartException fail(String what, Throwable cause) {
            abandon();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stderr.awaitDrained(DRAIN_MILLIS);
            stdout.awaitDrained(DRAIN_MILLIS);
            sharing.finish(null);
            if (LaunchGate.refusing()) {
                return new ShuttingDownException(name, "was stopped while it started");
            }
            String said = lastWords(stderr, stdout);
            return new ProcessStartException(name + " (pid " + process.pid() + ") " + what
                    + (said.isEmpty() ? "" : "; the child JVM said:" + System.lineSeparator() + said), cause);
        }
    }

    private static String lastWords(OutputPump stderr, OutputPump stdout) {
        String said = stderr.lastLines(5);
        return said.isEmpty() ? stdout.lastLines(5) : said;
    }

    private static void closeQuietly(Closeable connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private void readUntilExit() {
        boolean interrupted = false;
        try {
            while (true) {
                int type;
                try {
                    type = channel.receive();
                } catch (FrameTooLargeException e) {
                    listener.onFrameTooLarge(this, e);
                    continue;
                }
                if (type < 0) {
                    break;
                }
                if (type == FrameType.EXITING) {
                    orderlyShutdown = true;
                    signalReported = ExitingFrame.read(channel.body()).signal;
                } else {
                    listener.onFrame(this, type, channel.body());
                }
                if (!channel.hasBuffered()) {
                    listener.onIdle(this);
                }
            }
        } catch (InterruptedIOException e) {
            interrupted = true;
        } catch (IOException e) {
            // the connection broke: the child is dead or dying, which the exit below settles
        } catch (RuntimeException | Error e) {
            // a listener bug must not leave a zombie connection: kill the child, report its exit
            kill();
            System.err.println("multiprocessing4j: internal error while reading from " + this
                    + "; the child was killed:");
            e.printStackTrace();
        } finally {
            closeQuietly(channel);
        }
        if (interrupted) {
            stopAfterInterrupt();
        }
        ExitStatus status;
        try {
            process.waitFor();
            stderr.awaitDrained(DRAIN_MILLIS);
            stdout.awaitDrained(DRAIN_MILLIS);
            int exitValue = process.exitValue();
            int signal = signalReported != 0 ? signalReported
                    : terminatedByParent && exitValue == 128 + 15 ? 15 : 0;
            status = ExitStatus.of(exitValue, signal, orderlyShutdown, lastWords(stderr, stdout));
        } catch (InterruptedException e) {
            kill();
            status = ExitStatus.of(process.onExit().join().exitValue(), 9, false, "");
        }
        sharing.finish(status);
        if (interrupted) {
            Spares.tearDown();
        } else {
            Spares.childEnded(jvmOptions);
        }
        try {
            listener.onExit(this, status);
        } finally {
            exit.complete(status);
        }
    }

    /**
     * This child's reader thread was interrupted. Nothing in multiprocessing4j interrupts it, so
     * the application is being torn down around it ({@code mvn exec:java} interrupts every thread
     * the application started once its {@code main} returns; so do containers that undeploy an
     * application). The child goes as a daemon child goes at exit: terminated, then killed if it
     * has not exited within {@value #INTERRUPT_GRACE_MILLIS} ms. The thread then reports the exit
     * and ends, as it would have anyway.
     */
    private void stopAfterInterrupt() {
        terminate();
        try {
            if (!process.waitFor(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes once the child has exited and all it sent and printed has been handled. */
    public CompletableFuture<ExitStatus> exit() {
        return exit;
    }

    /**
     * Sends a frame to the child.
     *
     * @throws IOException if the child is gone; its exit is reported through {@link #exit()}
     */
    public void send(Frame frame) throws IOException {
        channel.send(frame);
    }

    /**
     * Sends several frames to the child in one write.
     *
     * @throws IOException if the child is gone; its exit is reported through {@link #exit()}
     */
    public void sendAll(Frame[] frames, int count) throws IOException {
        channel.sendAll(frames, count);
    }

    /**
     * SIGTERM: the child's shutdown hooks run, and the child ends the processes it has started;
     * any of them that still runs when the child has exited is killed. See {@link ProcessTree}.
     */
    public void terminate() {
        terminatedByParent = true;
        ProcessTree.terminate(process);
    }

    /** SIGKILL for the child and every process it has started: nothing of it runs any more. */
    public void kill() {
        ProcessTree.kill(process);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + ")";
    }
}
