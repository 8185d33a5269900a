package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.NamedProcess;
import io.multiprocessing4j.internal.manager.ManagerServer;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.Handshake;
import io.multiprocessing4j.internal.wire.RunFrame;
import io.multiprocessing4j.internal.wire.TaskCodec;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;

/**
 * The main class of every child JVM, the counterpart of JMH's forked main: read the bootstrap
 * from standard input, connect back, prove who it is, learn its name and its work, and do it.
 *
 * <p>Start-up time is the cost that matters most for a child, so this path loads as few classes
 * as it can: no lambdas, no reflection beyond creating the dispatcher, no logging framework.
 *
 * <p>A {@code ChildProcess} child runs its one task on the main thread and exits as Python's
 * do: 0 when the task returns (after the JVM's non-daemon threads finish), the code passed to
 * {@code System.exit}, or 1 after an uncaught exception, whose stack trace goes to standard
 * error. Whatever it is doing, a child whose parent disappears exits within a second or two.
 */
public final class ChildMain {

    private ChildMain() {}

    /** Runs this child: started by the runtime with its bootstrap on standard input, never by hand. */
    public static void main(String[] args) {
        if (Boolean.getBoolean(ManagerServer.WARM_UP_PROPERTY)) {
            ManagerServer.warmUpEarly(ClassLoader.getSystemClassLoader());
        }
        FrameChannel parent;
        try {
            parent = connect(Handshake.Bootstrap.readFrom(System.in));
        } catch (IOException | RuntimeException e) {
            System.err.println("multiprocessing4j child: cannot reach the parent: " + e);
            System.exit(1);
            return;
        }
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        RunFrame run;
        try {
            int type = parent.receive();
            if (type < 0) {
                System.exit(1);
            }
            run = RunFrame.read(type, parent.body());
            ChildContext.set(new NamedProcess(run.name, run.pid), new NamedProcess(run.parentName, run.parentPid));
        } catch (IOException | RuntimeException e) {
            System.err.println("multiprocessing4j child: the parent's first message is unreadable: " + e);
            System.exit(1);
            return;
        }
        ExitReporter.install(parent);
        Dispatchers dispatchers = new Dispatchers(loader);
        if (run.type() == FrameType.RUN_PROCESS) {
            runProcess(parent, run, dispatchers, loader);
        } else if (run.type() == FrameType.RUN_MANAGER) {
            ParentWatch.start(parent);
            ManagerServer.run(parent, run.name, run.manager, loader);
        } else {
            PoolWorker.run(parent, run, dispatchers, loader);
        }
    }

    private static void runProcess(FrameChannel parent, RunFrame run, Dispatchers dispatchers, ClassLoader loader) {
        TaskCodec.Call call;
        try {
            call = run.task.decode(loader);
        } catch (WireException e) {
            System.err.println("Process " + run.name + ": cannot decode the arguments of "
                    + run.task.describe(loader) + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        ParentWatch.start(parent);
        try {
            dispatchers.get(call.target).dispatch(call.target.method, call.arguments);
        } catch (Throwable thrown) {
            System.err.println("Process " + run.name + ":");
            thrown.printStackTrace();
            System.exit(1);
        }
    }

    /** Connects without a proxy: a proxy selector costs start-up time and has no business on loopback. */
    private static FrameChannel connect(Handshake.Bootstrap bootstrap) throws IOException {
        Socket socket = new Socket(Proxy.NO_PROXY);
        socket.setReceiveBufferSize(FrameChannel.SOCKET_BUFFER); // before connect, to size the window
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bootstrap.port));
        FrameChannel channel = new FrameChannel(socket);
        channel.writeRaw(Handshake.hello(bootstrap.childId, bootstrap.childSecret));
        byte[] answer = new byte[Handshake.SECRET_BYTES];
        if (!channel.readRaw(answer) || !Handshake.matches(bootstrap.parentSecret, answer)) {
            channel.close();
            throw new IOException("the peer on port " + bootstrap.port + " is not this child's parent");
        }
        return channel;
    }
}
