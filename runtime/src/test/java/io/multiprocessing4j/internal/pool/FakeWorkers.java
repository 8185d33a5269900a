package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.wire.CancelFrame;
import io.multiprocessing4j.internal.wire.Frame;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.FramesTestDispatcher;
import io.multiprocessing4j.internal.wire.ReadyFrame;
import io.multiprocessing4j.internal.wire.ResultsFrame;
import io.multiprocessing4j.internal.wire.TaskCall;
import io.multiprocessing4j.internal.wire.TasksFrame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WorkerLauncher} whose workers live in the test's JVM: the test sees every frame the
 * pool sends them and answers for them, exactly when it chooses. No process, no timing.
 */
final class FakeWorkers implements WorkerLauncher {

    /** How long a test waits for something the pool must do at once. */
    static final long WAIT_SECONDS = 10;

    /** Workers in the order the pool took them in (sent them their run frame). */
    final BlockingQueue<Worker> connected = new LinkedBlockingQueue<>();
    /** Names of every launch asked for, in order. */
    final BlockingQueue<String> launches = new LinkedBlockingQueue<>();
    /** Launches to refuse, from now on, before any succeeds again. */
    final AtomicInteger refuse = new AtomicInteger();
    private final AtomicInteger pids = new AtomicInteger(1000);

    @Override
    public Booting launch(String name, List<String> jvmOptions) {
        launches.add(name);
        if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProcessStartException(name + " cannot start: refused by the test", null);
        }
        return new Booting() {
            @Override
            public Connection await(Events events) {
                return new Worker(name, pids.incrementAndGet(), events, connected);
            }

            @Override
            public void abandon() {}
        };
    }

    /** The next worker to connect. */
    Worker next() throws InterruptedException {
        Worker worker = connected.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (worker == null) {
            throw new AssertionError("no worker connected within " + WAIT_SECONDS + " s");
        }
        return worker;
    }

    /** A task the pool can encode: {@code Frames.work(label, value)}. */
    static TaskCall task(String label, int value) {
        return new TaskCall(FramesTestDispatcher.class, 0, "Frames.work", new Object[] {label, value});
    }

    /** One fake worker: what the pool sent it, and the means to answer. */
    static final class Worker implements Connection {
        final String name;
        final long pid;
        private final Events events;
        /** Units received, in order. */
        final BlockingQueue<TasksFrame> units = new LinkedBlockingQueue<>();
        /** Cancels received, in order. */
        final BlockingQueue<CancelFrame> cancels = new LinkedBlockingQueue<>();
        final CountDownLatch shutdown = new CountDownLatch(1);
        final CountDownLatch killed = new CountDownLatch(1);
        private boolean exited;
        /** What the worker says its resident memory is; -1: unknown. */
        volatile long resident = -1;

        /** Where the worker goes once the pool has taken it in and sent it its run frame. */
        private final BlockingQueue<Worker> connected;

        Worker(String name, long pid, Events events, BlockingQueue<Worker> connected) {
            this.name = name;
            this.pid = pid;
            this.events = events;
            this.connected = connected;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void sendAll(Frame[] frames, int count) {
            for (int i = 0; i < count; i++) {
                Frame frame = frames[i];
                byte[] body = frame.encode().toByteArray();
                switch (frame.type()) {
                    case FrameType.TASKS:
                        units.add(TasksFrame.read(body));
                        break;
                    case FrameType.CANCEL:
                        cancels.add(CancelFrame.read(ByteBuffer.wrap(body)));
                        break;
                    case FrameType.SHUTDOWN:
                        shutdown.countDown();
                        break;
                    default:
                        // the run frame: the pool has taken the worker in, which may now say it is ready
                        connected.add(this);
                        break;
                }
            }
        }

        @Override
        public long residentBytes() {
            return resident;
        }

        @Override
        public void kill() {
            killed.countDown();
            exit(ExitStatus.of(128 + 9, 0, false, ""));
        }

        /** The next unit the pool sent this worker. */
        TasksFrame nextUnit() throws InterruptedException {
            TasksFrame unit = units.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (unit == null) {
                throw new AssertionError(name + " received no unit within " + WAIT_SECONDS + " s");
            }
            return unit;
        }

        void ready() {
            send(new ReadyFrame(null));
        }

        /** Answers {@code unit}: each task returns its label. */
        void answer(TasksFrame unit) {
            ResultsFrame results = ResultsFrame.of(unit.unitId, unit.count);
            TasksFrame.Tasks tasks = unit.tasks(FakeWorkers.class.getClassLoader());
            for (int i = 0; i < unit.count; i++) {
                results.returned(tasks.next().arguments[0]);
            }
            send(results);
        }

        /** Says task {@code index} of {@code unit} ran past its limit; the tasks before it returned their labels. */
        void timedOut(TasksFrame unit, int index) {
            ResultsFrame results = ResultsFrame.of(unit.unitId, unit.count);
            TasksFrame.Tasks tasks = unit.tasks(FakeWorkers.class.getClassLoader());
            for (int i = 0; i < index; i++) {
                results.returned(tasks.next().arguments[0]);
            }
            send(results.timedOutAt(index, results.mark()));
        }

        /** Answers a steal: the unit was dropped unstarted. */
        void dropped(long unitId, int count) {
            ResultsFrame results = ResultsFrame.of(unitId, count);
            for (int i = 0; i < count; i++) {
                results.cancelled();
            }
            send(results);
        }

        private void send(Frame frame) {
            events.onFrame(frame.type(), ByteBuffer.wrap(frame.encode().toByteArray()));
            events.onIdle();
        }

        /** The worker exits, once. */
        synchronized void exit(ExitStatus status) {
            if (!exited) {
                exited = true;
                events.onExit(status);
            }
        }

        @Override
        public String toString() {
            return name + " (pid " + pid + ")";
        }
    }
}
