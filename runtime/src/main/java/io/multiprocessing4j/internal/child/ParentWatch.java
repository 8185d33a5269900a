package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.ProcessTree;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import java.io.IOException;

/**
 * The reader thread of a {@code ChildProcess} child or a manager's server, which expects nothing
 * more from its parent once it runs, but a manager's server's {@code SHUTDOWN}: when the
 * connection ends, it takes the child down. The parent has exited or was killed (even
 * {@code kill -9} closes its end of the socket at once), and no child may outlive its parent.
 *
 * <p>A {@code SHUTDOWN} (sent by a manager that closes, see {@code ServerProcess.stop}) makes the
 * server exit 0, an orderly exit: the JVM then writes the class-data archive it may have been
 * asked to record, which a signal would have thrown away. Like a {@code SIGTERM} before it, it
 * first ends the processes the server started.
 *
 * <p>Before it exits, an orphan ends the processes it has started ({@link ProcessTree}): a task's
 * {@code sleep 1000} must not outlive the parent either. It then exits through
 * {@code System.exit}, so shutdown hooks run, but a second daemon thread halts it a second after
 * it noticed, if a hook hangs: the child is gone within about a second of its parent.
 */
final class ParentWatch extends Thread {

    static final int ORPHAN_EXIT_CODE = 1;
    private static final long GRACE_MILLIS = 1000;

    /** Set when this JVM is exiting anyway, so that the channel closing is not read as an orphaning. */
    private static volatile boolean exiting;

    private final FrameChannel parent;

    private ParentWatch(FrameChannel parent) {
        super("multiprocessing4j-parent-watch");
        setDaemon(true);
        this.parent = parent;
    }

    /** Starts watching. */
    static void start(FrameChannel parent) {
        new ParentWatch(parent).start();
    }

    @Override
    public void run() {
        try {
            int type;
            while ((type = parent.receive()) >= 0) {
                if (type == FrameType.SHUTDOWN) {
                    exitWhenAsked();
                }
                // nothing else is expected; a frame is read only to reach the end of the connection
            }
        } catch (IOException e) {
            // a broken connection means the same as a closed one
        }
        if (!exiting) {
            exitAsOrphan();
        }
    }

    /**
     * Closes the channel while the JVM shuts down. This is about speed: the JVM waits up to 300 ms
     * at exit for threads blocked in native code, such as this thread in its socket read, and
     * closing the socket releases it at once.
     */
    static void closeForExit(FrameChannel parent) {
        exiting = true;
        try {
            parent.close();
        } catch (IOException e) {
            // closed is closed
        }
    }

    /** Whether this JVM is shutting down anyway, so that a closed connection is no news. */
    static boolean isExiting() {
        return exiting;
    }

    /** Exits 0 as the parent asked, after ending the processes this JVM started. */
    private static void exitWhenAsked() {
        ProcessTree.endDescendants(ExitReporter.DESCENDANTS_GRACE_MILLIS);
        System.exit(0);
    }

    /** Exits now: the processes this JVM started are ended, hooks get the rest of a second, then the JVM halts. */
    static void exitAsOrphan() {
        Thread halter = new Thread("multiprocessing4j-orphan-halt") {
            @Override
            public void run() {
                try {
                    Thread.sleep(GRACE_MILLIS);
                } catch (InterruptedException e) {
                    // halt anyway
                }
                Runtime.getRuntime().halt(ORPHAN_EXIT_CODE);
            }
        };
        halter.setDaemon(true);
        halter.start();
        ProcessTree.endDescendants(ExitReporter.DESCENDANTS_GRACE_MILLIS);
        System.exit(ORPHAN_EXIT_CODE);
    }
}
