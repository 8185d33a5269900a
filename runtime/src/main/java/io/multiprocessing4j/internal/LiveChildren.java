package io.multiprocessing4j.internal;

import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.internal.launch.ChildJvm;
import io.multiprocessing4j.internal.shm.ProgramDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every child this JVM has started and that has not yet exited, with how each is seen by
 * {@code Multiprocessing.activeChildren()}.
 *
 * <p>At exit, daemon children (and all pool workers) are terminated, as Python terminates
 * daemonic processes, and with them the processes they started. Non-daemon children keep the JVM alive while {@code main} is done, because
 * their reader threads are not daemons; if the JVM exits anyway ({@code System.exit}, a signal),
 * they notice that their parent is gone and exit on their own. Once the terminated children are
 * gone, the exit hook deletes the program's shared-memory directory, which a child may have
 * created ({@link ProgramDirectory#deleteAfterChildren()}).
 */
public final class LiveChildren {

    /** How long the exit hook waits for terminated daemon children before leaving them to die alone. */
    private static final long EXIT_GRACE_MILLIS = 1000;

    private static final Map<ChildJvm, Entry> LIVE = new ConcurrentHashMap<>();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveChildren::exit, "multiprocessing4j-terminate-daemons"));
        } catch (IllegalStateException e) {
            // first used while the JVM shuts down: its children notice the exit and go on their own
        }
    }

    private LiveChildren() {}

    /**
     * Records a running child.
     *
     * @param child the child JVM
     * @param face what {@code activeChildren()} shows for it
     * @param daemon whether it is terminated at exit
     */
    public static void add(ChildJvm child, ProcessInfo face, boolean daemon) {
        LIVE.put(child, new Entry(face, daemon));
    }

    /** Forgets a child that has exited. */
    public static void remove(ChildJvm child) {
        LIVE.remove(child);
    }

    /** The children that are still running. */
    public static List<ProcessInfo> snapshot() {
        List<ProcessInfo> running = new ArrayList<>();
        for (Map.Entry<ChildJvm, Entry> entry : LIVE.entrySet()) {
            if (entry.getKey().isAlive()) {
                running.add(entry.getValue().face);
            }
        }
        return running;
    }

    private static void exit() {
        terminateDaemons();
        ProgramDirectory.deleteAfterChildren();
    }

    private static void terminateDaemons() {
        List<ChildJvm> terminated = new ArrayList<>();
        for (Map.Entry<ChildJvm, Entry> entry : LIVE.entrySet()) {
            if (entry.getValue().daemon) {
                entry.getKey().terminate();
                terminated.add(entry.getKey());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_GRACE_MILLIS);
        for (ChildJvm child : terminated) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                child.exit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // it will notice our exit and go on its own
            }
        }
    }

    private static final class Entry {
        final ProcessInfo face;
        final boolean daemon;

        Entry(ProcessInfo face, boolean daemon) {
            this.face = face;
            this.daemon = daemon;
        }
    }
}
