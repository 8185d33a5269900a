package io.multiprocessing4j.internal.launch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets child JVMs be launched until this JVM starts shutting down, and makes sure none is
 * launched after.
 *
 * <p>A child launched during shutdown would fail loudly: the argument file that gives it its
 * class path is deleted by then, and its {@code java} launcher prints
 * {@code Error: could not open '/tmp/mp4j-....args'} on the parent's console. It happened when a
 * pool replaced the workers the exit had just terminated. So {@link #enter} refuses with a
 * {@link ShuttingDownException} once the JVM has begun its shutdown, however that began (the
 * end of {@code main}, {@code System.exit}, {@code SIGTERM}). The moment is known exactly:
 * from then on {@link Runtime#addShutdownHook} refuses every hook, which the gate tries
 * with a hook it never lets run. A shutdown hook of the gate's own closes the gate, waits for
 * the launches already past it to have started their process, kills every child that has not
 * yet connected back (it may not have read the argument file yet), and only then deletes the
 * argument file.
 *
 * <p>Thread-safety: any thread may launch. {@link #LOCK} guards {@link #state} and
 * {@link #starting}; {@link #BOOTING} is a concurrent set. The probe hook is used under
 * {@link #PROBE}'s own monitor, never while holding {@link #LOCK}.
 */
final class LaunchGate {

    private enum State {
        /** Launches go ahead. */
        OPEN,
        /** The JVM is shutting down: every launch is refused. */
        CLOSED
    }

    /** How long the shutdown hook waits for launches that are past the gate to start their process. */
    private static final long STARTING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final Object LOCK = new Object();
    /** Registered and removed again to learn whether the JVM is shutting down; never started. */
    private static final Thread PROBE = new Thread("multiprocessing4j-shutdown-probe");
    private static final Set<Process> BOOTING = ConcurrentHashMap.newKeySet();
    private static State state = register();
    private static int starting;

    private LaunchGate() {}

    private static State register() {
        try {
            // Classes, not lambdas, on the way to a program's first child: a cold JVM spends a
            // millisecond or more on each lambda's first use.
            Runtime.getRuntime().addShutdownHook(new Thread("multiprocessing4j-launch-gate") {
                @Override
                public void run() {
                    close();
                }
            });
            return State.OPEN;
        } catch (IllegalStateException e) {
            return State.CLOSED; // first used while the JVM is already shutting down
        }
    }

    /**
     * Lets one launch through; call {@link #started} when its process has started or failed to.
     *
     * @throws ShuttingDownException if the JVM is shutting down
     */
    static void enter(String name) {
        if (jvmShuttingDown()) {
            throw new ShuttingDownException(name, "was not started");
        }
        synchronized (LOCK) {
            if (state == State.CLOSED) {
                throw new ShuttingDownException(name, "was not started");
            }
            starting++;
        }
    }

    /** The launch that {@link #enter} let through has started {@code process}, or failed if it is null. */
    static void started(Process process) {
        if (process != null) {
            BOOTING.add(process);
        }
        synchronized (LOCK) {
            starting--;
            LOCK.notifyAll();
        }
    }

    /** {@code process} has connected back, or is dead: it no longer needs the argument file. */
    static void booted(Process process) {
        BOOTING.remove(process);
    }

    /**
     * Whether launches are refused: a child that failed to boot now was stopped by the shutdown
     * (killed by the gate, or its endpoint closed), whichever hook ran first.
     */
    static boolean refusing() {
        synchronized (LOCK) {
            if (state == State.CLOSED) {
                return true;
            }
        }
        return jvmShuttingDown();
    }

    /** Whether this JVM has begun to shut down: from then on it accepts no shutdown hook. */
    private static boolean jvmShuttingDown() {
        synchronized (PROBE) {
            try {
                Runtime.getRuntime().addShutdownHook(PROBE);
            } catch (IllegalStateException e) {
                return true;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(PROBE);
            } catch (IllegalStateException e) {
                return true; // it began in between; the probe is started and does nothing
            }
            return false;
        }
    }

    /** The shutdown hook: no more launches, no child left to read a deleted argument file. */
    private static void close() {
        synchronized (LOCK) {
            state = State.CLOSED;
            long deadline = System.nanoTime() + STARTING_WAIT_NANOS;
            long left;
            while (starting > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    break; // exiting anyway
                }
            }
        }
        for (Process process : BOOTING) {
            process.destroyForcibly();
        }
        ArgumentFile.delete();
    }
}
