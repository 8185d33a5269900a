package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.EncodedFrame;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.FrameType;
import io.multiprocessing4j.internal.wire.ManagerCall;
import io.multiprocessing4j.internal.wire.ManagerReply;
import io.multiprocessing4j.internal.wire.WireException;
import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * One authenticated connection, served on a thread of its own: reads its calls one after another
 * and answers each. The first call attaches the connection to its client's id ({@link Op#ATTACH}).
 *
 * <p><b>Calls that wait</b> ({@link Op#mayWait}: a take, a lock, an await ...) run on a waiter
 * thread instead, which sends their reply, so that this thread goes on reading: it sees the
 * client's {@link FrameType#MANAGER_CANCEL} (its waiting thread was interrupted) or the
 * connection's end (the client closed it, or died), and cancels the wait by interrupting the
 * waiter. A waiter is interrupted only while its call runs (a {@link Waiting} under its monitor),
 * never while it writes the reply, which would close the channel. When the connection ends, the
 * waiting call is cancelled and awaited before the client is detached, so that what the call took
 * for a client that is gone is given back with the rest.
 */
final class ServerSession implements Runnable {

    private final FrameChannel channel;
    private final ServerObjects objects;
    private final Clients clients;
    private final Executor waiters;
    private final ClassLoader loader;
    private final Runnable onEnd;
    private final Encoder reply = new Encoder();
    /** The id this connection's client attached with; 0 until it has. */
    private long client;
    /** The call waiting on a waiter thread, or the last one that did. */
    private Waiting waiting;

    ServerSession(FrameChannel channel, ServerObjects objects, Clients clients, Executor waiters, ClassLoader loader,
            Runnable onEnd) {
        this.channel = channel;
        this.objects = objects;
        this.clients = clients;
        this.waiters = waiters;
        this.loader = loader;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try {
            int type;
            while ((type = channel.receive()) >= 0) {
                if (type == FrameType.MANAGER_CANCEL) {
                    if (waiting != null) {
                        waiting.cancel();
                    }
                    continue;
                }
                if (type != FrameType.MANAGER_CALL || waiting != null && !waiting.isDone()) {
                    return; // not the protocol: a call while one waits, or another frame
                }
                ManagerCall call;
                try {
                    call = ManagerCall.read(new Decoder(channel.body(), loader));
                } catch (WireException e) {
                    reply.reset();
                    ManagerReply.refused(reply, "the server cannot decode the call: " + e.getMessage());
                    channel.send(new EncodedFrame(FrameType.MANAGER_REPLY, reply));
                    continue;
                }
                if (client == 0) {
                    if (!attach(call)) {
                        return;
                    }
                    continue;
                }
                if (Op.mayWait(call.op, call.arguments)) {
                    waiting = new Waiting(call);
                    waiters.execute(waiting);
                } else {
                    reply.reset();
                    answer(call, reply);
                    channel.send(new EncodedFrame(FrameType.MANAGER_REPLY, reply));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or broke the protocol: its connection ends, nothing else
        } finally {
            end();
        }
    }

    private boolean attach(ManagerCall call) throws IOException {
        if (call.object != Op.SERVER || call.op != Op.ATTACH || call.arguments.length != 1
                || !(call.arguments[0] instanceof Long) || (Long) call.arguments[0] == 0) {
            return false;
        }
        client = (Long) call.arguments[0];
        clients.attach(client);
        reply.reset();
        ManagerReply.returned(reply, null);
        channel.send(new EncodedFrame(FrameType.MANAGER_REPLY, reply));
        return true;
    }

    private void end() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
        if (waiting != null) {
            waiting.cancel();
            waiting.awaitDone();
        }
        if (client != 0) {
            clients.detach(client);
        }
        onEnd.run();
    }

    /** Runs one call and writes its reply into {@code out}. */
    private void answer(ManagerCall call, Encoder out) {
        Object result;
        try {
            result = objects.call(client, call.object, call.op, call.arguments);
        } catch (ServerObjects.Refused e) {
            ManagerReply.refused(out, e.getMessage());
            return;
        } catch (InterruptedException e) {
            ManagerReply.interrupted(out);
            return;
        } catch (Throwable thrown) {
            out.reset();
            ManagerReply.threw(out, thrown);
            return;
        }
        try {
            ManagerReply.returned(out, result);
        } catch (WireException e) {
            out.reset();
            ManagerReply.refused(out, "the result cannot be sent back: " + e.getMessage());
        }
    }

    /** A call that may wait, on a waiter thread: queued, running (cancel interrupts it), then done. */
    private final class Waiting implements Runnable {

        private final ManagerCall call;
        private State state = State.QUEUED;
        private boolean cancelled;
        private Thread runner;

        Waiting(ManagerCall call) {
            this.call = call;
        }

        @Override
        public void run() {
            synchronized (this) {
                runner = Thread.currentThread();
                state = State.RUNNING;
                if (cancelled) {
                    runner.interrupt();
                }
            }
            Encoder out = new Encoder();
            try {
                answer(call, out);
            } finally {
                synchronized (this) {
                    state = State.DONE;
                    runner = null;
                    notifyAll();
                }
                Thread.interrupted(); // a cancel that came as the call ended must not close the channel below
            }
            try {
                channel.send(new EncodedFrame(FrameType.MANAGER_REPLY, out));
            } catch (IOException e) {
                // the connection is gone; the session ends on its own
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (state == State.RUNNING) {
                runner.interrupt();
            }
        }

        synchronized boolean isDone() {
            return state == State.DONE;
        }

        /** Waits until the call has ended (a cancelled one ends at once). */
        synchronized void awaitDone() {
            boolean interrupted = false;
            while (state != State.DONE) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A waiting call's lifecycle. */
    private enum State { QUEUED, RUNNING, DONE }
}
