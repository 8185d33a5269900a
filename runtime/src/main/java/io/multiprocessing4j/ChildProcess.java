package io.multiprocessing4j;

import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.LiveChildren;
import io.multiprocessing4j.internal.launch.ChildJvm;
import io.multiprocessing4j.internal.wire.EncodedTask;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.RunFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM that runs one {@code @Worker} method, the counterpart of Python's
 * {@code multiprocessing.Process}. Obtain one from a generated factory, configure it, start it:
 *
 * <pre>{@code
 * ChildProcess p = DoublerWorkers.worker(3).name("process-3").start();
 * p.join();
 * p.exitCode();   // OptionalInt[0]
 * }</pre>
 *
 * <p><b>Guarantees.</b> The child is a JVM of its own that has run nothing else (this JVM's
 * {@code java}, its classpath, the options given to {@link #jvmOptions}) that receives its
 * arguments over an authenticated private channel and calls the method directly. Its standard output and error appear on this JVM's.
 * It exits within about a second of this JVM's death, however this JVM dies, {@code kill -9}
 * included. At a normal exit of this JVM, daemon children are terminated and non-daemon children
 * are waited for, as in Python.
 *
 * <p><b>Cost.</b> {@link #start()} boots a JVM and waits until it has connected back: tens of
 * milliseconds, measured in the README; with warm start ({@link StartMethod#WARM}, the default),
 * once a child of the same JVM options has ended, it hands the child to a spare JVM booted in
 * advance instead, for the cost of a message. An idle child JVM costs tens of megabytes of memory.
 *
 * <p><b>Failure.</b> {@link #start()} throws {@link ProcessStartException} with the child JVM's
 * own error line when the JVM cannot start (a bad option, a heap too small to boot), and
 * {@link IllegalArgumentException} naming the parameter when an argument cannot be sent; in both
 * cases nothing is left running. Methods called in the wrong state throw
 * {@link IllegalStateException} naming the process. Not thread-safe while being configured;
 * after {@code start()} every method may be called from any thread.
 */
public final class ChildProcess implements ProcessInfo {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** How long {@link #exitCode()} waits for the last messages of a child that has just exited. */
    private static final long SETTLE_SECONDS = 5;

    private final Task<?> target;
    private String name;
    private boolean daemon;
    private List<String> jvmOptions = List.of();
    private volatile ChildJvm jvm;

    /**
     * A child process, not yet started, that will run {@code target}. Generated factories
     * ({@code FooWorkers.worker(3)}) call this; so may user code, with a task from a
     * {@code FooTasks} factory.
     *
     * @param target the call to run in the child
     */
    public ChildProcess(Task<?> target) {
        this.target = Objects.requireNonNull(target, "target");
        this.name = "ChildProcess-" + COUNTER.incrementAndGet();
    }

    /**
     * Names the process; the child sees it as {@code Multiprocessing.currentProcess().name()}.
     *
     * @param name the name, shown in messages and by {@link Multiprocessing#activeChildren()}
     * @return this
     * @throws IllegalStateException after {@link #start()}
     */
    public ChildProcess name(String name) {
        requireNotStarted("name");
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Marks the process as a daemon: terminated when this JVM exits rather than waited for, as in
     * Python. Default {@code false}.
     *
     * @param daemon whether this JVM's exit terminates the child
     * @return this
     * @throws IllegalStateException after {@link #start()}
     */
    public ChildProcess daemon(boolean daemon) {
        requireNotStarted("daemon");
        this.daemon = daemon;
        return this;
    }

    /**
     * Options for the child JVM, such as {@code -Xmx256m} or {@code -Dkey=value}; they come after
     * the runtime's defaults ({@code -XX:-UsePerfData -Xshare:auto}, {@code -XX:+UseSerialGC} unless
     * the options pick a collector, {@code -Xms32m} unless they size the heap) and win over
     * them. Replaces options given before.
     *
     * @param options JVM options, each one command-line argument
     * @return this
     * @throws IllegalStateException after {@link #start()}
     */
    public ChildProcess jvmOptions(String... options) {
        requireNotStarted("jvmOptions");
        this.jvmOptions = optionList(options);
        return this;
    }

    /** The options as an immutable list, checked as {@link #jvmOptions} and the pool's builder check them. */
    static List<String> optionList(String... options) {
        for (String option : options) {
            Objects.requireNonNull(option, "a JVM option is null");
        }
        return List.copyOf(Arrays.asList(options));
    }

    /**
     * Starts the child JVM and returns once it has connected back and received its task; the task
     * then runs while this thread goes on.
     *
     * @return this
     * @throws IllegalStateException if the process was already started
     * @throws IllegalArgumentException if an argument cannot be sent; the message names the
     *     parameter and the class at fault
     * @throws ProcessStartException if the JVM could not start; the message quotes its error
     */
    public synchronized ChildProcess start() {
        if (jvm != null) {
            throw new IllegalStateException(name + " has already been started; a ChildProcess starts"
                    + " once: create another one from the factory");
        }
        EncodedTask task = EncodedTask.of(target.call());
        ChildJvm.Spawned spawned = ChildJvm.spawn(name, jvmOptions, daemon);
        ChildJvm started = spawned.await(new ExitListener());
        LiveChildren.add(started, this, daemon);
        jvm = started;
        ProcessInfo self = Multiprocessing.currentProcess();
        try {
            started.send(new RunFrame(FrameType.RUN_PROCESS, spawned.pid(), name, self.name(), self.pid(), task));
        } catch (IOException e) {
            // it died at once; join() and exitCode() report how
        }
        return this;
    }

    /**
     * Waits until the child has exited and its output has been copied. Not interruptible, like
     * {@code CompletableFuture.join()}; an interrupt is kept for the caller to see.
     *
     * @throws IllegalStateException if the process was not started
     */
    public void join() {
        ChildJvm child = requireStarted("join");
        boolean interrupted = false;
        while (true) {
            try {
                child.exit().get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits at most {@code timeout} for the child to exit.
     *
     * @param timeout how long to wait at most
     * @return true if it has exited
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws IllegalStateException if the process was not started
     */
    public boolean join(Duration timeout) {
        long nanos = positiveNanos(timeout);
        ChildJvm child = requireStarted("join");
        try {
            child.exit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return child.exit().isDone();
        } catch (ExecutionException e) {
            return true;
        }
    }

    static long positiveNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive, not " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@return whether the child has been started and has not exited} */
    public boolean isAlive() {
        ChildJvm child = jvm;
        return child != null && child.isAlive();
    }

    /**
     * Asks the child to stop: {@code SIGTERM}, so its shutdown hooks run. Its exit code becomes
     * {@code -15}, unless one of the child's own shutdown hooks ends it first with
     * {@code Runtime.halt(N)}: then it is {@code N}, the code the child really exited with (see
     * {@link #exitCode()}). Does nothing if it has already exited.
     *
     * @throws IllegalStateException if the process was not started
     */
    public void terminate() {
        requireStarted("terminate").terminate();
    }

    /**
     * Stops the child at once: {@code SIGKILL}, nothing more runs in it. Its exit code becomes
     * {@code -9}. Does nothing if it has already exited.
     *
     * @throws IllegalStateException if the process was not started
     */
    public void kill() {
        requireStarted("kill").kill();
    }

    /**
     * {@return Python's exit code of the child}: empty until the child has exited (or if it was
     * never started); then 0 if its method returned, {@code N} after {@code System.exit(N)}, 1
     * after an uncaught exception, {@code -S} if a signal {@code S} killed it. After
     * {@link #terminate()} that is {@code -15} once the child's runtime has reported the signal;
     * a shutdown hook of the child's that halts it with {@code Runtime.halt(N)} before that
     * report gives {@code N}, the code it exited with.
     */
    public OptionalInt exitCode() {
        ChildJvm child = jvm;
        if (child == null) {
            return OptionalInt.empty();
        }
        if (!child.exit().isDone() && !child.isAlive()) {
            try {
                child.exit().get(SETTLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // reported as still running below
            }
        }
        ExitStatus status = child.exit().getNow(null);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status.code());
    }

    /**
     * {@return the child's operating-system pid}
     *
     * @throws IllegalStateException if the process was not started
     */
    @Override
    public long pid() {
        return requireStarted("pid").pid();
    }

    /** The process's name, {@code ChildProcess-N} unless one was given. */
    @Override
    public String name() {
        return name;
    }

    /** {@return whether the process is a daemon}; see {@link #daemon(boolean)}. */
    public boolean isDaemon() {
        return daemon;
    }

    private ChildJvm requireStarted(String what) {
        ChildJvm child = jvm;
        if (child == null) {
            throw new IllegalStateException("cannot " + what + " " + name + ": it has not been started;"
                    + " call start() first");
        }
        return child;
    }

    private void requireNotStarted(String what) {
        if (jvm != null) {
            throw new IllegalStateException("cannot set " + what + " of " + name + ": it has already"
                    + " been started; configure a ChildProcess before start()");
        }
    }

    /** Like Python's repr: {@code ChildProcess[name=worker-1, pid=4242, exitCode=0]}. */
    @Override
    public String toString() {
        ChildJvm child = jvm;
        if (child == null) {
            return "ChildProcess[name=" + name + ", initial, target=" + target + "]";
        }
        ExitStatus status = child.exit().getNow(null);
        return "ChildProcess[name=" + name + ", pid=" + child.pid()
                + (status == null ? ", started" : ", exitCode=" + status.code())
                + (daemon ? ", daemon" : "") + "]";
    }

    private static final class ExitListener implements ChildJvm.Listener {
        @Override
        public void onFrame(ChildJvm child, int type, ByteBuffer body) {
            // a ChildProcess child sends nothing but its exit, which ChildJvm handles
        }

        @Override
        public void onExit(ChildJvm child, ExitStatus status) {
            LiveChildren.remove(child);
        }
    }
}
