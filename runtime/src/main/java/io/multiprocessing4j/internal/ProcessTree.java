package io.multiprocessing4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Ends a process together with every process it started, directly or not: a task that runs
 * {@code sleep 1000} through {@code ProcessBuilder} must not leave it behind when its worker is
 * killed.
 *
 * <p>The order is what makes it work. When a process dies, the kernel hands its children to init
 * (or to the nearest subreaper), and from then on nothing links them to the tree they came from.
 * So the tree is listed while its root is still alive, the root is stopped next, so that it
 * starts nothing more, and then every process of the list, whose handles stay valid wherever
 * they were reparented. A process that the tree starts between the listing and the root's death,
 * a window of microseconds, is missed. A handle carries its process's start time, so a pid the
 * kernel has reused for another process is never signalled.
 *
 * <p>The root is signalled through its {@link ProcessHandle}, not {@link Process#destroy}: on
 * Unix the latter also closes the parent's ends of the child's stdout and stderr pipes, and what
 * the child wrote just before it died (a JVM's own error line, the last words a failure message
 * quotes) would be lost before the output pumps have read it. The pipes close by themselves when
 * the tree has died.
 *
 * <p>Listing descendants reads {@code /proc} once on Linux: about a millisecond. Stateless and
 * thread-safe.
 */
public final class ProcessTree {

    private ProcessTree() {}

    /**
     * SIGKILL for {@code root} and for every process it had started, however deep.
     *
     * @param root a live process, or one that has exited (then nothing is signalled: its former
     *     children can no longer be found)
     */
    public static void kill(Process root) {
        List<ProcessHandle> tree = root.isAlive() ? descendantsOf(root.toHandle()) : List.of();
        root.toHandle().destroyForcibly(); // not root's own: see the class comment
        for (ProcessHandle process : tree) {
            process.destroyForcibly();
        }
    }

    /**
     * SIGTERM for {@code root}, so that its shutdown hooks run (a multiprocessing4j child ends its
     * own descendants in one), and once it has exited, SIGKILL for any process of its tree, as it
     * was when this was called, that still runs: a child that could not clean up does not leave
     * its tree behind either. Returns at once.
     */
    public static void terminate(Process root) {
        List<ProcessHandle> tree = root.isAlive() ? descendantsOf(root.toHandle()) : List.of();
        root.toHandle().destroy(); // not root's own: see the class comment
        if (!tree.isEmpty()) {
            root.onExit().thenRun(() -> {
                for (ProcessHandle process : tree) {
                    process.destroyForcibly();
                }
            });
        }
    }

    /**
     * Ends every process this JVM has started, however deep: SIGTERM first, then, for those still
     * running after {@code graceMillis} and for any started meanwhile, SIGKILL. For a child JVM
     * that is about to exit. Returns at once when there are none, as is usual.
     */
    public static void endDescendants(long graceMillis) {
        List<ProcessHandle> first = descendantsOf(ProcessHandle.current());
        if (first.isEmpty()) {
            return;
        }
        for (ProcessHandle process : first) {
            process.destroy();
        }
        List<CompletableFuture<ProcessHandle>> exits = first.stream().map(ProcessHandle::onExit)
                .collect(Collectors.toList());
        try {
            CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0]))
                    .get(graceMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // SIGKILL below for whatever is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> all = new ArrayList<>(first);
        all.addAll(descendantsOf(ProcessHandle.current()));
        for (ProcessHandle process : all) {
            process.destroyForcibly();
        }
    }

    /** SIGKILL for every process this JVM has started, however deep; for a JVM about to halt. */
    public static void killDescendants() {
        for (ProcessHandle process : descendantsOf(ProcessHandle.current())) {
            process.destroyForcibly();
        }
    }

    /** The descendants, parents before their children; empty if they cannot be listed. */
    private static List<ProcessHandle> descendantsOf(ProcessHandle root) {
        try {
            return root.descendants().collect(Collectors.toList());
        } catch (RuntimeException e) {
            return List.of(); // a platform without process listing: nothing more can be done
        }
    }
}
