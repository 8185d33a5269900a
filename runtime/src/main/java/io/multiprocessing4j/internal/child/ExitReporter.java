package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.ProcessTree;
import io.multiprocessing4j.internal.wire.ExitingFrame;
import io.multiprocessing4j.internal.wire.FrameChannel;
import java.io.IOException;

/**
 * Tells the parent, from a shutdown hook, that this JVM is shutting down in an orderly way and
 * whether a termination signal started it. Without this the parent could not tell
 * {@code System.exit(143)} from a {@code SIGTERM}: Java reports both as 143.
 *
 * <p>When a signal started the shutdown ({@code terminate()} in the parent, or a {@code kill} of
 * the child), the hook also ends the processes this child has started, with
 * {@link ProcessTree#endDescendants}: they get {@code SIGTERM} and, after
 * {@value #DESCENDANTS_GRACE_MILLIS} ms, {@code SIGKILL}. An ordinary exit (the task returned,
 * {@code System.exit}, a pool closing) leaves them alone, as Python does.
 *
 * <p>The signal is recognised by the thread the JVM starts to handle it, {@code SIGTERM handler}
 * (and likewise for INT and HUP), which waits in {@code Shutdown.exit} while hooks run. That name
 * is a JDK implementation detail, stable since the first JDKs; if it ever changes, the parent
 * still knows the signals it sent itself.
 */
final class ExitReporter extends Thread {

    private static final String[] SIGNALS = {"SIGHUP", "SIGINT", "SIGTERM"};
    private static final int[] NUMBERS = {1, 2, 15};
    /** How long the processes this child started get to stop after SIGTERM. */
    static final long DESCENDANTS_GRACE_MILLIS = 500;

    private final FrameChannel parent;

    private ExitReporter(FrameChannel parent) {
        super("multiprocessing4j-exit-reporter");
        this.parent = parent;
    }

    static void install(FrameChannel parent) {
        Runtime.getRuntime().addShutdownHook(new ExitReporter(parent));
    }

    @Override
    public void run() {
        System.out.flush();
        System.err.flush();
        int signal = signalInProgress();
        try {
            parent.send(new ExitingFrame(signal));
        } catch (IOException e) {
            // the parent is gone; nobody is left to tell
        }
        ParentWatch.closeForExit(parent);
        if (signal != 0) {
            ProcessTree.endDescendants(DESCENDANTS_GRACE_MILLIS);
        }
    }

    private static int signalInProgress() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            String name = threads[i].getName();
            for (int s = 0; s < SIGNALS.length; s++) {
                if (name.equals(SIGNALS[s] + " handler")) {
                    return NUMBERS[s];
                }
            }
        }
        return 0;
    }
}
