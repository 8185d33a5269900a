package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.StartMethod;
import io.multiprocessing4j.internal.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Warm start ({@link StartMethod#WARM}): child JVMs booted in advance, "spares", one set per
 * configuration (the JVM options; the class path is this JVM's for every child), handed to the
 * next child of that configuration instead of booting a JVM for it.
 *
 * <p><b>What a spare is.</b> A child JVM launched as every child is, that has connected back and
 * proved itself, and waits for its first frame: the frame that tells a child its name and its
 * work. Until then it runs nothing but {@code ChildMain}, blocked in a socket read (no CPU), and
 * it exits when the connection ends, so it dies with this JVM like any child, {@code kill -9}
 * included. It is launched with {@code -Dmultiprocessing4j.name=(spare)} and never records a
 * class-data archive (its classes are not a child's). It is nobody's child until it is taken:
 * {@code Multiprocessing.activeChildren()} does not list it.
 *
 * <p><b>When spares are made.</b> One is booted when a child of a configuration ends (the
 * configuration is in use, and a child went), up to {@link #limit()} spares in all, counting
 * those still booting, and never while this JVM shuts down ({@link LaunchGate}). When there are
 * that many already, the oldest spare of another configuration makes way: a program that gives
 * each child options of its own (a {@code -D} per task, say) keeps at most that many idle JVMs,
 * not one per child it ran. Booting
 * them then, not when a spare is taken, keeps their boot away from the work of the children that
 * just started: on a small machine a JVM's boot takes a core for a while. A program that starts
 * children one after another thus finds a spare for each after the first; a pool that is closed
 * leaves spares for the next pool. {@link #take} prefers a ready spare, then one still booting
 * (which is ready sooner than a JVM booted now would be). After {@value #MAX_FAILURES} spares of a
 * configuration in a row fail to boot, it gets no more.
 *
 * <p><b>When they end.</b> A spare unused for {@code multiprocessing4j.spareIdleSeconds}
 * (default {@value #DEFAULT_IDLE_SECONDS}) is killed, as are all of them when the start method
 * becomes {@link StartMethod#SPAWN}, and the oldest above a lowered {@link #setLimit limit}.
 * Killing a spare is safe: it has run no user code.
 *
 * <p><b>Threads and locks.</b> {@link #LOCK} guards every field; it is a leaf, except that
 * {@link Scheduler#after} is called under it (the scheduler's lock is itself a leaf). Spares are
 * launched on a thread of their own, {@code multiprocessing4j-spares} (daemon), which runs while
 * there is a spare to launch; their handshakes complete on the endpoint's acceptor thread, their
 * exits on the JDK's process-reaper threads, their timers on the scheduler's thread: each of
 * those only moves a spare between states under the lock, and kills one outside it.
 */
public final class Spares {

    /** The system property that chooses the start method: {@code spawn} or {@code warm}. */
    public static final String START_METHOD_PROPERTY = "multiprocessing4j.startMethod";
    /** The system property that sizes the spares of each configuration. */
    public static final String COUNT_PROPERTY = "multiprocessing4j.spares";
    /** The system property that says how long a spare may stay unused. */
    public static final String IDLE_PROPERTY = "multiprocessing4j.spareIdleSeconds";
    /** A spare's name on its command line, until it is handed to a child. */
    static final String NAME = "(spare)";
    static final long DEFAULT_IDLE_SECONDS = 60;
    static final int MAX_FAILURES = 2;

    private enum State {
        /** Launched, not yet connected back. */
        BOOTING,
        /** Connected and proved; waiting to be taken. */
        READY,
        /** Handed to a child: no longer a spare. */
        TAKEN,
        /** Killed, or died, as a spare. */
        ENDED
    }

    private static final Object LOCK = new Object();
    private static final Map<List<String>, Configuration> CONFIGURATIONS = new HashMap<>();
    /** Configurations that want one more spare each time they are listed; the launcher drains it. */
    private static final ArrayDeque<Configuration> WANTED = new ArrayDeque<>();
    /** Set by {@link #setStartMethod}; {@code null} until then, when the property decides. */
    private static StartMethod method;
    /** Set by {@link #setLimit}; negative until then, when the property decides. */
    private static int count = -1;
    /** The order in which spares were launched; the oldest makes way first. */
    private static long launched;
    private static Thread launcher;
    /** Whether the launcher is launching a spare it has taken off {@link #WANTED}. */
    private static boolean launching;
    /**
     * Counts the times spares were ended wholesale; a spare launched while it changed is not
     * wanted any more, whatever the settings say by the time it is up.
     */
    private static long generation;

    private Spares() {}

    /** The spares of one configuration. Guarded by {@link #LOCK}. */
    private static final class Configuration {
        final List<String> options;
        /** Booting and ready spares, oldest first. */
        final ArrayDeque<Spare> spares = new ArrayDeque<>();
        /** Spares wanted and not yet launched. */
        int wanted;
        /** Spares that failed to boot since the last one that did. */
        int failures;

        Configuration(List<String> options) {
            this.options = options;
        }
    }

    /** One spare. {@link #state}, {@link #timer} and {@link #order} are guarded by {@link #LOCK}. */
    private static final class Spare {
        final Configuration configuration;
        final ChildJvm.Spawned spawned;
        State state = State.BOOTING;
        /** The start deadline while booting, the idle deadline while ready. */
        Future<?> timer;
        /** When it was launched, as {@link #launched} counts. */
        long order;

        Spare(Configuration configuration, ChildJvm.Spawned spawned) {
            this.configuration = configuration;
            this.spawned = spawned;
        }
    }

    // ---------------------------------------------------------------- settings

    /**
     * The start method: the one set last, else the system property's, else {@code WARM}.
     *
     * @throws IllegalArgumentException if the property names no start method
     */
    public static StartMethod startMethod() {
        synchronized (LOCK) {
            if (method != null) {
                return method;
            }
        }
        String value = System.getProperty(START_METHOD_PROPERTY);
        if (value == null || value.isBlank()) {
            return StartMethod.WARM;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "spawn":
                return StartMethod.SPAWN;
            case "warm":
                return StartMethod.WARM;
            default:
                throw new IllegalArgumentException("the system property " + START_METHOD_PROPERTY + " is '"
                        + value + "': it must be spawn (a fresh JVM per child) or warm (children handed to"
                        + " spare JVMs booted in advance, the default)");
        }
    }

    /** Sets the start method; {@code SPAWN} kills every spare. */
    public static void setStartMethod(StartMethod startMethod) {
        List<Spare> ended;
        synchronized (LOCK) {
            method = startMethod;
            if (startMethod == StartMethod.WARM) {
                return;
            }
            ended = trim(0);
        }
        end(ended);
    }

    /**
     * How many spares there may be at most, of all configurations together: the number set last,
     * else the system property's, else {@code Runtime.availableProcessors()}.
     *
     * @throws IllegalArgumentException if the property is not a number of zero or more
     */
    public static int limit() {
        synchronized (LOCK) {
            if (count >= 0) {
                return count;
            }
        }
        String value = System.getProperty(COUNT_PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("the system property " + COUNT_PROPERTY + " is '" + value
                + "': it must be the number of spare JVMs to keep, 0 or more");
    }

    /** Sets how many spares there may be at most; the oldest above it are killed. */
    public static void setLimit(int spares) {
        if (spares < 0) {
            throw new IllegalArgumentException("the number of spares must be 0 or more, not " + spares);
        }
        List<Spare> ended;
        synchronized (LOCK) {
            count = spares;
            ended = trim(spares);
        }
        end(ended);
    }

    private static long idleNanos() {
        long seconds = DEFAULT_IDLE_SECONDS;
        String value = System.getProperty(IDLE_PROPERTY);
        if (value != null) {
            try {
                seconds = Math.max(0, Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                // the default; the property is read only here, where there is nobody to tell
            }
        }
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    // ---------------------------------------------------------------- taking and wanting

    /**
     * A spare for a child with {@code options}, no longer a spare: a ready one if there is one,
     * else one still booting; {@code null} if there is none or the start method is {@code SPAWN}.
     * The caller {@linkplain ChildJvm.Spawned#handOver hands it over} and awaits it as any
     * spawned child.
     *
     * @throws IllegalArgumentException if a system property of warm start is malformed
     */
    static ChildJvm.Spawned take(List<String> options) {
        if (startMethod() != StartMethod.WARM) {
            return null;
        }
        limit(); // a malformed property is said now, to the thread that starts a child
        Spare taken = null;
        synchronized (LOCK) {
            Configuration configuration = CONFIGURATIONS.get(options);
            if (configuration == null) {
                return null;
            }
            for (Spare spare : configuration.spares) {
                if (spare.state == State.READY && spare.spawned.isAlive()) {
                    taken = spare;
                    break;
                }
            }
            if (taken == null) {
                for (Spare spare : configuration.spares) {
                    if (spare.state == State.BOOTING) {
                        taken = spare;
                        break;
                    }
                }
            }
            if (taken == null) {
                return null;
            }
            configuration.spares.remove(taken);
            taken.state = State.TAKEN;
            cancelTimer(taken);
        }
        return taken.spawned;
    }

    /**
     * A child with {@code options} has ended: boot a spare in its place, unless the configuration
     * has all it may have, warm start is off, or this JVM is shutting down.
     */
    static void childEnded(List<String> options) {
        if (LaunchGate.refusing()) {
            return;
        }
        int limit;
        try {
            if (startMethod() != StartMethod.WARM) {
                return;
            }
            limit = limit();
        } catch (IllegalArgumentException e) {
            return; // the next start says so to its caller
        }
        Spare evicted = null;
        synchronized (LOCK) {
            Configuration configuration = CONFIGURATIONS.computeIfAbsent(options, Configuration::new);
            if (configuration.failures >= MAX_FAILURES
                    || configuration.spares.size() + configuration.wanted >= limit) {
                return;
            }
            if (total() >= limit) {
                evicted = oldest(configuration);
                if (evicted == null) {
                    return; // the others' are all still to be launched: they were wanted as recently
                }
                remove(evicted);
            }
            configuration.wanted++;
            WANTED.add(configuration);
            if (launcher == null) {
                launcher = new Thread(Spares::launchWanted, "multiprocessing4j-spares");
                launcher.setDaemon(true);
                launcher.start();
            }
        }
        if (evicted != null) {
            evicted.spawned.abandon();
        }
    }

    /** Under {@link #LOCK}: the spares there are and those to be launched, of every configuration. */
    private static int total() {
        int total = 0;
        for (Configuration each : CONFIGURATIONS.values()) {
            total += each.spares.size() + each.wanted;
        }
        return total;
    }

    /** Under {@link #LOCK}: the spare launched first, of any configuration but {@code except}; or null. */
    private static Spare oldest(Configuration except) {
        Spare oldest = null;
        for (Configuration each : CONFIGURATIONS.values()) {
            if (each != except && !each.spares.isEmpty()
                    && (oldest == null || each.spares.peekFirst().order < oldest.order)) {
                oldest = each.spares.peekFirst();
            }
        }
        return oldest;
    }

    /** The launcher thread: launches the spares wanted, then ends. */
    private static void launchWanted() {
        long launchedIn = 0;
        while (true) {
            Configuration configuration;
            synchronized (LOCK) {
                launching = false;
                LOCK.notifyAll();
                configuration = WANTED.poll();
                if (configuration == null) {
                    launcher = null;
                    return;
                }
                configuration.wanted--;
                launching = true;
                launchedIn = generation;
            }
            ChildJvm.Spawned spawned;
            try {
                spawned = ChildJvm.spawnSpare(configuration.options);
            } catch (ShuttingDownException e) {
                synchronized (LOCK) {
                    WANTED.clear();
                    for (Configuration each : CONFIGURATIONS.values()) {
                        each.wanted = 0;
                    }
                }
                continue;
            } catch (RuntimeException e) { // ProcessStartException, or a bug of ours: no spares then
                synchronized (LOCK) {
                    configuration.failures++;
                }
                continue;
            }
            Spare spare = new Spare(configuration, spawned);
            int limit;
            try {
                limit = startMethod() == StartMethod.WARM ? limit() : 0;
            } catch (IllegalArgumentException e) {
                limit = 0;
            }
            boolean wanted;
            synchronized (LOCK) {
                // the spare being launched is no longer counted as wanted by total()
                wanted = total() < limit && launchedIn == generation;
                if (wanted) {
                    spare.order = launched++;
                    configuration.spares.add(spare);
                    spare.timer = Scheduler.after(ChildJvm.START_TIMEOUT_NANOS, () -> failed(spare));
                }
            }
            if (!wanted) {
                spawned.abandon(); // warm start was turned off, or the count lowered, meanwhile
                continue;
            }
            spawned.connection().whenComplete((connection, failure) -> {
                if (failure == null) {
                    ready(spare);
                } else {
                    failed(spare);
                }
            });
            spawned.exited().thenRun(() -> died(spare));
        }
    }

    // ---------------------------------------------------------------- a spare's states

    private static void ready(Spare spare) {
        synchronized (LOCK) {
            if (spare.state != State.BOOTING) {
                return; // taken meanwhile: await() takes it from here
            }
            spare.state = State.READY;
            spare.configuration.failures = 0;
            cancelTimer(spare);
            spare.timer = Scheduler.after(idleNanos(), () -> idle(spare));
            LOCK.notifyAll();
        }
        LaunchGate.booted(spare.spawned.process());
    }

    private static void failed(Spare spare) {
        synchronized (LOCK) {
            if (spare.state != State.BOOTING) {
                return;
            }
            spare.configuration.failures++;
            remove(spare);
        }
        spare.spawned.abandon();
    }

    private static void died(Spare spare) {
        synchronized (LOCK) {
            if (spare.state == State.BOOTING) {
                spare.configuration.failures++;
            } else if (spare.state != State.READY) {
                return;
            }
            remove(spare);
        }
        spare.spawned.abandon(); // closes its connection and forgets its handshake
    }

    private static void idle(Spare spare) {
        synchronized (LOCK) {
            if (spare.state != State.READY) {
                return;
            }
            remove(spare);
        }
        spare.spawned.abandon();
    }

    /** Under {@link #LOCK}: the spare is no longer one. */
    private static void remove(Spare spare) {
        LOCK.notifyAll();
        spare.state = State.ENDED;
        spare.configuration.spares.remove(spare);
        cancelTimer(spare);
    }

    private static void cancelTimer(Spare spare) {
        if (spare.timer != null) {
            spare.timer.cancel(false);
            spare.timer = null;
        }
    }

    /** Under {@link #LOCK}: removes the spares above {@code limit} in all, oldest first. */
    private static List<Spare> trim(int limit) {
        List<Spare> ended = new ArrayList<>();
        if (limit == 0) {
            WANTED.clear();
            generation++;
            for (Configuration configuration : CONFIGURATIONS.values()) {
                configuration.wanted = 0;
            }
        }
        while (true) {
            int spares = 0;
            for (Configuration configuration : CONFIGURATIONS.values()) {
                spares += configuration.spares.size();
            }
            Spare oldest = oldest(null);
            if (spares <= limit || oldest == null) {
                return ended;
            }
            remove(oldest);
            ended.add(oldest);
        }
    }

    private static void end(List<Spare> ended) {
        for (Spare spare : ended) {
            spare.spawned.abandon();
        }
    }

    /**
     * The application is being torn down around the runtime (its threads interrupted, as
     * {@code mvn exec:java} does once {@code main} has returned): every spare is killed, and none
     * replaces the children that end now. A child started later makes spares again.
     */
    static void tearDown() {
        List<Spare> ended;
        synchronized (LOCK) {
            ended = trim(0);
        }
        end(ended);
    }

    // ---------------------------------------------------------------- for benchmarks and tests

    /**
     * Waits until no spare is wanted or booting, at most {@code nanos}; for benchmarks and tests,
     * which must not time a spare's boot. A child's end wants its spare before the child's exit is
     * reported, so after a {@code join()} or a pool's {@code close()} this waits for their spares.
     *
     * @return the number of ready spares of all configurations, or -1 if some were still booting
     * @throws InterruptedException if this thread is interrupted while it waits
     */
    public static int awaitSettled(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (LOCK) {
            while (true) {
                int ready = 0;
                boolean booting = launching || !WANTED.isEmpty();
                for (Configuration configuration : CONFIGURATIONS.values()) {
                    for (Spare spare : configuration.spares) {
                        ready += spare.state == State.READY ? 1 : 0;
                        booting |= spare.state == State.BOOTING;
                    }
                }
                if (!booting) {
                    return ready;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                TimeUnit.NANOSECONDS.timedWait(LOCK, left);
            }
        }
    }

    /** The pids of the spares, booting or ready, of every configuration; for tests. */
    public static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        synchronized (LOCK) {
            for (Configuration configuration : CONFIGURATIONS.values()) {
                for (Spare spare : configuration.spares) {
                    pids.add(spare.spawned.pid());
                }
            }
        }
        return pids;
    }
}
