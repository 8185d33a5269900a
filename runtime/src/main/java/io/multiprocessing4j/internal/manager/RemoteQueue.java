package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.channel.QueueBackend;
import io.multiprocessing4j.internal.wire.Decoder;
import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.WireException;
import java.nio.ByteBuffer;

/**
 * A manager's queue: every call goes to the server. Items are encoded here and travel as bytes,
 * which the server keeps without decoding, and are decoded by the taker, so the server needs
 * none of the items' classes and decodes nothing a client put.
 */
final class RemoteQueue extends RemoteObject implements QueueBackend {

    private volatile int capacity = -1;

    RemoteQueue(ManagerClient client, int id) {
        super(client, id, Op.QUEUE);
    }

    @Override
    public boolean put(Object item, long nanos) throws InterruptedException {
        Encoder out = new Encoder();
        try {
            out.writeValue(item);
        } catch (WireException e) {
            throw new IllegalArgumentException("cannot put a " + item.getClass().getName() + " on the manager's queue: "
                    + e.getMessage(), e);
        }
        return (Boolean) callWaiting(true, nanos, Op.QUEUE_PUT, out.toByteArray());
    }

    @Override
    public Object take(long nanos) throws InterruptedException {
        byte[] item = (byte[]) callWaiting(true, nanos, Op.QUEUE_TAKE);
        if (item == null) {
            return null;
        }
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return new Decoder(ByteBuffer.wrap(item), context != null ? context : RemoteQueue.class.getClassLoader())
                    .readValue();
        } catch (WireException e) {
            throw new IllegalStateException("an item taken from the manager's queue cannot be decoded in this process,"
                    + " and is dropped: " + e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return (Integer) call(Op.QUEUE_SIZE);
    }

    @Override
    public int capacity() {
        int known = capacity;
        if (known < 0) {
            known = (Integer) call(Op.QUEUE_CAPACITY);
            capacity = known;
        }
        return known;
    }

    @Override
    public long unfinished() {
        return (Long) call(Op.QUEUE_UNFINISHED);
    }

    @Override
    public void taskDone() {
        call(Op.QUEUE_TASK_DONE);
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        return (Boolean) callWaiting(true, nanos, Op.QUEUE_JOIN);
    }
}
