package io.multiprocessing4j.internal.manager;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operations ({@link Op}) on a server's queues, locks, conditions, events, semaphores, barriers and ints:
 * one switch per kind, decoding the arguments the client's {@code Remote*} backend sends. A call
 * that waits runs on a waiter thread ({@code ServerSession}) and ends with
 * {@link InterruptedException} when it is cancelled.
 */
final class SyncCalls {

    private SyncCalls() {}

    /**
     * Runs {@code op} on {@code target} for {@code client}.
     *
     * @throws ServerObjects.Refused if the operation does not apply to the object
     * @throws InterruptedException if a waiting call was cancelled
     * @throws ClassCastException if an argument has the wrong type (the caller refuses the call)
     * @throws ArrayIndexOutOfBoundsException if an argument is missing (the caller refuses the call)
     */
    static Object call(Object target, long client, int op, Object[] a) throws InterruptedException {
        for (Object argument : a) {
            if (argument == null) {
                throw new ServerObjects.Refused("operation " + op + " with a null argument");
            }
        }
        if (target instanceof ServerQueue) {
            return queue((ServerQueue) target, op, a);
        }
        if (target instanceof ServerLock) {
            return lock((ServerLock) target, client, op, a);
        }
        if (target instanceof ServerCondition) {
            return condition((ServerCondition) target, client, op, a);
        }
        if (target instanceof ServerEvent) {
            return event((ServerEvent) target, op, a);
        }
        if (target instanceof ServerSemaphore) {
            return semaphore((ServerSemaphore) target, client, op, a);
        }
        if (target instanceof ServerBarrier) {
            return barrier((ServerBarrier) target, op, a);
        }
        if (target instanceof AtomicInteger) {
            return integer((AtomicInteger) target, op, a);
        }
        throw refused(op, target);
    }

    private static ServerObjects.Refused refused(int op, Object target) {
        return new ServerObjects.Refused("operation " + op + " does not apply to a " + target.getClass().getSimpleName());
    }

    private static Object queue(ServerQueue queue, int op, Object[] a) throws InterruptedException {
        switch (op) {
            case Op.QUEUE_PUT: return queue.put((byte[]) a[1], (Long) a[0]);
            case Op.QUEUE_TAKE: return queue.take((Long) a[0]);
            case Op.QUEUE_SIZE: return queue.size();
            case Op.QUEUE_CAPACITY: return queue.capacity();
            case Op.QUEUE_UNFINISHED: return queue.unfinished();
            case Op.QUEUE_TASK_DONE: queue.taskDone(); return null;
            case Op.QUEUE_JOIN: return queue.join((Long) a[0]);
            default: throw refused(op, queue);
        }
    }

    private static Object lock(ServerLock lock, long client, int op, Object[] a) throws InterruptedException {
        switch (op) {
            case Op.LOCK_LOCK: return lock.lock(new Owner(client, (Long) a[1]), (Long) a[0]);
            case Op.LOCK_UNLOCK: lock.unlock(new Owner(client, (Long) a[0])); return null;
            case Op.LOCK_IS_LOCKED: return lock.isLocked();
            case Op.LOCK_IS_HELD: return lock.holdCount(new Owner(client, (Long) a[0])) > 0;
            case Op.LOCK_HOLD_COUNT: return lock.holdCount(new Owner(client, (Long) a[0]));
            case Op.LOCK_FROM_DEAD: return lock.fromDeadOwner(new Owner(client, (Long) a[0]));
            default: throw refused(op, lock);
        }
    }

    private static Object condition(ServerCondition condition, long client, int op, Object[] a)
            throws InterruptedException {
        switch (op) {
            case Op.CONDITION_AWAIT: return condition.await(new Owner(client, (Long) a[1]), (Long) a[0]);
            case Op.CONDITION_SIGNAL: condition.signal(new Owner(client, (Long) a[0]), (Boolean) a[1]); return null;
            case Op.CONDITION_REACQUIRE: condition.reacquire(new Owner(client, (Long) a[1]), (Integer) a[2]); return null;
            default: throw refused(op, condition);
        }
    }

    private static Object event(ServerEvent event, int op, Object[] a) throws InterruptedException {
        switch (op) {
            case Op.EVENT_SET: event.set(); return null;
            case Op.EVENT_CLEAR: event.clear(); return null;
            case Op.EVENT_IS_SET: return event.isSet();
            case Op.EVENT_AWAIT: return event.await((Long) a[0]);
            default: throw refused(op, event);
        }
    }

    private static Object semaphore(ServerSemaphore semaphore, long client, int op, Object[] a)
            throws InterruptedException {
        switch (op) {
            case Op.SEMAPHORE_ACQUIRE: return semaphore.acquire(client, (Long) a[0]);
            case Op.SEMAPHORE_RELEASE: semaphore.release(client); return null;
            case Op.SEMAPHORE_AVAILABLE: return semaphore.available();
            default: throw refused(op, semaphore);
        }
    }

    private static Object barrier(ServerBarrier barrier, int op, Object[] a) throws InterruptedException {
        switch (op) {
            case Op.BARRIER_AWAIT: return barrier.await((Long) a[0]);
            case Op.BARRIER_PARTIES: return barrier.parties();
            case Op.BARRIER_WAITING: return barrier.numberWaiting();
            case Op.BARRIER_IS_BROKEN: return barrier.isBroken();
            case Op.BARRIER_RESET: barrier.reset(); return null;
            case Op.BARRIER_ABORT: barrier.abort(); return null;
            default: throw refused(op, barrier);
        }
    }

    private static Object integer(AtomicInteger value, int op, Object[] a) {
        switch (op) {
            case Op.INT_GET: return value.get();
            case Op.INT_SET: value.set((Integer) a[0]); return null;
            case Op.INT_GET_AND_SET: return value.getAndSet((Integer) a[0]);
            case Op.INT_GET_AND_ADD: return value.getAndAdd((Integer) a[0]);
            case Op.INT_COMPARE_AND_SET: return value.compareAndSet((Integer) a[0], (Integer) a[1]);
            default: throw refused(op, value);
        }
    }
}
