package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.internal.ExitStatus;
import io.multiprocessing4j.internal.LiveChildren;
import io.multiprocessing4j.internal.launch.ChildJvm;
import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ManagerReady;
import io.multiprocessing4j.internal.wire.ManagerStart;
import io.multiprocessing4j.internal.wire.RunFrame;
import io.multiprocessing4j.internal.wire.ShutdownFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A manager's server as a child JVM of this process ({@code SyncManager-N}): started, told what to
 * serve, awaited until it listens, and stopped. A daemon child: it never keeps this JVM alive, and
 * it exits when this process dies (as every child does).
 */
public final class ServerProcess implements ChildJvm.Listener {

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final AtomicBoolean HANDSHAKE_PREPARED = new AtomicBoolean();
    private static final long READY_SECONDS = 60;
    /** How long a server asked to exit gets before it is signalled: a server that records an archive takes longest. */
    private static final long ORDERLY_MILLIS = 5_000;
    private static final long STOP_MILLIS = 5_000;
    static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final ChildJvm jvm;

    private ServerProcess(String host, int wantedPort, byte[] key, List<String> registrations, List<String> jvmOptions) {
        String name = "SyncManager-" + NUMBERS.incrementAndGet();
        ProcessInfo self = Multiprocessing.currentProcess();
        ChildJvm.Spawned spawned = ChildJvm.spawn(name, withDefaults(jvmOptions), true);
        prepareHandshake();
        RunFrame run = new RunFrame(spawned.pid(), name, self.name(), self.pid(),
                new ManagerStart(host, wantedPort, key, registrations));
        jvm = spawned.await(this);
        LiveChildren.add(jvm, jvm, true);
        try {
            jvm.send(run);
        } catch (IOException e) {
            // it died at once: the wait below reports how
        }
    }

    /**
     * The server JVM's options: {@value #QUICK_COMPILER} and the property that has it warm up as it
     * boots ({@link ManagerServer#WARM_UP_PROPERTY}) first, then the user's, which win. A server
     * spends its time in the same short path (read a call, run it, write the reply), which the
     * client feels as latency from the first call; with the JIT's first tier only, that path is
     * compiled after a few hundred calls and the JVM boots with less compiling, where the default
     * interprets the first thousands of calls while the optimizing compiler works (measured under
     * load: the first 500 dict puts of a fresh server 230 to 340 us each with the default, 110 to
     * 170 us with the first tier; a warm server about as fast either way, 40 to 60 us, since the
     * round trip's system calls dominate it). What it costs: a {@code @Managed} implementation
     * that computes runs first-tier code, slower than the optimizing compiler's; give the manager
     * {@code -XX:TieredStopAtLevel=4} to have the default back.
     */
    static List<String> withDefaults(List<String> jvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions.size() + 2);
        options.add(QUICK_COMPILER);
        options.add("-D" + ManagerServer.WARM_UP_PROPERTY + "=true");
        options.addAll(jvmOptions);
        return options;
    }

    /**
     * The first time in this JVM, sets up HMAC-SHA256 on a daemon thread while the server's JVM
     * boots ({@link Authentication#prepare}): this thread only waits meanwhile, and the handshake
     * that follows would otherwise pay 60 to 90 ms for it.
     */
    private static void prepareHandshake() {
        if (HANDSHAKE_PREPARED.compareAndSet(false, true)) {
            Thread thread = new Thread(Authentication::prepare, "multiprocessing4j-manager-prepare");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Starts a server and waits until it listens.
     *
     * @return the server; {@link #port()} is where it listens
     * @throws ProcessStartException if it could not start or bind (the message quotes the server)
     */
    public static ServerProcess start(String host, int port, byte[] key, List<String> registrations,
            List<String> jvmOptions) {
        ServerProcess server = new ServerProcess(host, port, key, registrations, jvmOptions);
        try {
            server.port.get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
            throw new ProcessStartException(server.jvm + " was abandoned: the starting thread was interrupted", e);
        } catch (ExecutionException e) {
            throw new ProcessStartException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            server.stop();
            throw new ProcessStartException(server.jvm + " did not listen within " + READY_SECONDS + " s", e);
        }
        return server;
    }

    /** The port the server bound. */
    public int port() {
        return port.join();
    }

    /** The server's process. */
    public ProcessInfo process() {
        return jvm;
    }

    /** Whether the server's process still runs. */
    public boolean isAlive() {
        return jvm.isAlive();
    }

    /**
     * Stops the server and waits for its exit: asks it to exit 0 ({@code SHUTDOWN}, which its
     * {@code ParentWatch} obeys), and only if it has not within {@value #ORDERLY_MILLIS} ms,
     * SIGTERM, then SIGKILL if it has not exited within {@value #STOP_MILLIS} ms more. An orderly
     * exit is what lets a server that records the class-data archive ({@code ClassDataArchive})
     * keep its recording: a signal throws it away, and every later child would record again.
     */
    public void stop() {
        try {
            jvm.send(ShutdownFrame.INSTANCE);
            jvm.exit().get(ORDERLY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        } catch (IOException | TimeoutException | ExecutionException e) {
            // gone already (the signals below find it exited), or not exiting: signals
        } catch (InterruptedException e) {
            jvm.kill();
            Thread.currentThread().interrupt();
            return;
        }
        jvm.terminate();
        try {
            jvm.exit().get(STOP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            jvm.kill();
            jvm.exit().join();
        } catch (InterruptedException e) {
            jvm.kill();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onFrame(ChildJvm child, int type, ByteBuffer body) {
        if (type == FrameType.MANAGER_READY) {
            port.complete(ManagerReady.read(new Decoder(body, ServerProcess.class.getClassLoader())));
        }
    }

    @Override
    public void onExit(ChildJvm child, ExitStatus status) {
        LiveChildren.remove(child);
        port.completeExceptionally(new ProcessStartException(child + " exited before it listened: " + status, null));
    }
}
