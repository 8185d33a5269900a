package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.LiveChildren;
import io.multiprocessing4j.internal.launch.ChildJvm;
import io.multiprocessing4j.internal.wire.Frame;
import io.multiprocessing4j.internal.wire.FrameTooLargeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The pool's own launcher: each worker is a daemon child JVM ({@link ChildJvm}), listed among
 * the live children while it runs. No worker is started while this JVM shuts down:
 * {@link ChildJvm#spawn} then throws {@code ShuttingDownException}.
 */
final class JvmWorkerLauncher implements WorkerLauncher {

    static final JvmWorkerLauncher INSTANCE = new JvmWorkerLauncher(false);
    /** The launcher of a pool whose workers' lines are written after their names. */
    static final JvmWorkerLauncher PREFIXING = new JvmWorkerLauncher(true);

    private final boolean prefixOutput;

    private JvmWorkerLauncher(boolean prefixOutput) {
        this.prefixOutput = prefixOutput;
    }

    @Override
    public Booting launch(String name, List<String> jvmOptions) {
        ChildJvm.Spawned spawned = ChildJvm.spawn(name, jvmOptions, true);
        if (prefixOutput) {
            spawned.prefixOutput();
        }
        return new Booting() {
            @Override
            public Connection await(Events events) {
                ChildJvm jvm = spawned.await(new Listener(events));
                LiveChildren.add(jvm, jvm, true);
                return new JvmConnection(jvm);
            }

            @Override
            public void abandon() {
                spawned.abandon();
            }
        };
    }

    /** Hands a child JVM's events to the pool's worker, on the child's reader thread. */
    private static final class Listener implements ChildJvm.Listener {
        private final Events events;

        Listener(Events events) {
            this.events = events;
        }

        @Override
        public void onFrame(ChildJvm child, int type, ByteBuffer body) {
            events.onFrame(type, body);
        }

        @Override
        public void onIdle(ChildJvm child) {
            events.onIdle();
        }

        @Override
        public void onFrameTooLarge(ChildJvm child, FrameTooLargeException e) {
            events.onFrameTooLarge(e);
        }

        @Override
        public void onExit(ChildJvm child, ExitStatus status) {
            LiveChildren.remove(child);
            events.onExit(status);
        }
    }

    private static final class JvmConnection implements Connection {
        private final ChildJvm jvm;

        JvmConnection(ChildJvm jvm) {
            this.jvm = jvm;
        }

        @Override
        public long pid() {
            return jvm.pid();
        }

        @Override
        public String name() {
            return jvm.name();
        }

        @Override
        public void sendAll(Frame[] frames, int count) throws IOException {
            jvm.sendAll(frames, count);
        }

        @Override
        public void kill() {
            jvm.kill();
        }

        @Override
        public String toString() {
            return jvm.toString();
        }
    }
}
