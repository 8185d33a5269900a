package io.multiprocessing4j;

import io.multiprocessing4j.internal.channel.QueueBackend;
import io.multiprocessing4j.internal.channel.QueueState;
import io.multiprocessing4j.internal.shm.BarrierBackend;
import io.multiprocessing4j.internal.shm.ConditionBackend;
import io.multiprocessing4j.internal.shm.EventBackend;
import io.multiprocessing4j.internal.shm.Handles;
import io.multiprocessing4j.internal.shm.IntBackend;
import io.multiprocessing4j.internal.shm.LockBackend;
import io.multiprocessing4j.internal.shm.SemaphoreBackend;
import io.multiprocessing4j.internal.shm.SharedKind;
import io.multiprocessing4j.internal.wire.ManagerHandles;

/**
 * Ties each public shared type to its {@link SharedKind}, so that it travels on the wire as a
 * handle to the same object: the {@link Handles.Registry} of this package. {@code Handles} loads
 * it when a shared object is first sent or received; a new shared type adds a case to each switch.
 * Most kinds are a {@link SharedObject}, named by their segment; a queue is named by its backend
 * (so that a manager's queue can travel as a handle of its own kind); a pipe's end is named by
 * the pipe's segment and its kind says which end, and sending it hands it over.
 * Plain switches rather than lambdas: their bootstrap would cost a fresh JVM milliseconds.
 */
final class SharedKinds implements Handles.Registry {

    static {
        Handles.install(new SharedKinds());
    }

    private SharedKinds() {}

    @Override
    public boolean isShared(Class<?> type) {
        switch (type.getSimpleName()) {
            case "SharedQueue": return type == SharedQueue.class;
            case "Pipe": return type == Pipe.class;
            case "PipeConnection": return type == PipeConnection.class;
            default: return kindOfType(type) != null;
        }
    }

    @Override
    public SharedKind kindOf(Object shared) {
        if (shared instanceof SharedQueue) {
            return SharedKind.QUEUE;
        }
        if (shared instanceof PipeConnection) {
            return ((PipeConnection<?>) shared).end.index() == 0 ? SharedKind.PIPE_LEFT : SharedKind.PIPE_RIGHT;
        }
        if (shared instanceof Pipe) {
            return SharedKind.PIPE;
        }
        return kindOfType(shared.getClass());
    }

    @Override
    public String nameFor(Object shared) {
        if (shared instanceof SharedQueue) {
            return ((QueueState) ((SharedQueue<?>) shared).backend()).handleName();
        }
        if (shared instanceof PipeConnection) {
            PipeConnection<?> connection = (PipeConnection<?>) shared;
            connection.end.handOver();
            return connection.end.pipe().segment().name();
        }
        if (shared instanceof Pipe) {
            Pipe<?> pipe = (Pipe<?>) shared;
            pipe.end(0).handOver();
            pipe.end(1).handOver();
            return pipe.segment().name();
        }
        return ((SharedObject) shared).segment.name();
    }

    @Override
    public ManagerHandles.Handle servedBy(Object shared) {
        Object backend = shared instanceof SharedQueue ? ((SharedQueue<?>) shared).backend()
                : shared instanceof SharedObject ? ((SharedObject) shared).served() : null;
        return backend instanceof ManagerHandles.Handle ? (ManagerHandles.Handle) backend : null;
    }

    @Override
    public Object served(SharedKind kind, Object backend) {
        switch (kind) {
            case QUEUE: return SharedQueue.over((QueueBackend) backend);
            case LOCK: return SharedLock.over((LockBackend) backend);
            case RLOCK: return SharedRLock.over((LockBackend) backend);
            case CONDITION: return SharedCondition.over((ConditionBackend) backend);
            case EVENT: return SharedEvent.over((EventBackend) backend);
            case SEMAPHORE: return SharedSemaphore.over((SemaphoreBackend) backend);
            case BARRIER: return SharedBarrier.over((BarrierBackend) backend);
            case INT: return SharedInt.over((IntBackend) backend);
            default: throw new IllegalArgumentException("a manager serves no " + kind.typeName());
        }
    }

    private static SharedKind kindOfType(Class<?> type) {
        switch (type.getSimpleName()) {
            case "SharedLock": return type == SharedLock.class ? SharedKind.LOCK : null;
            case "SharedRLock": return type == SharedRLock.class ? SharedKind.RLOCK : null;
            case "SharedCondition": return type == SharedCondition.class ? SharedKind.CONDITION : null;
            case "SharedSemaphore": return type == SharedSemaphore.class ? SharedKind.SEMAPHORE : null;
            case "SharedEvent": return type == SharedEvent.class ? SharedKind.EVENT : null;
            case "SharedBarrier": return type == SharedBarrier.class ? SharedKind.BARRIER : null;
            case "SharedInt": return type == SharedInt.class ? SharedKind.INT : null;
            case "SharedLong": return type == SharedLong.class ? SharedKind.LONG : null;
            case "SharedDouble": return type == SharedDouble.class ? SharedKind.DOUBLE : null;
            case "SharedIntArray": return type == SharedIntArray.class ? SharedKind.INT_ARRAY : null;
            case "SharedLongArray": return type == SharedLongArray.class ? SharedKind.LONG_ARRAY : null;
            case "SharedDoubleArray": return type == SharedDoubleArray.class ? SharedKind.DOUBLE_ARRAY : null;
            case "SharedMemory": return type == SharedMemory.class ? SharedKind.MEMORY : null;
            default: return null;
        }
    }

    @Override
    public Object open(SharedKind kind, String name) {
        switch (kind) {
            case LOCK: return SharedLock.open(name);
            case RLOCK: return SharedRLock.open(name);
            case CONDITION: return SharedCondition.open(name);
            case SEMAPHORE: return SharedSemaphore.open(name);
            case EVENT: return SharedEvent.open(name);
            case BARRIER: return SharedBarrier.open(name);
            case INT: return SharedInt.open(name);
            case LONG: return SharedLong.open(name);
            case DOUBLE: return SharedDouble.open(name);
            case INT_ARRAY: return SharedIntArray.open(name);
            case LONG_ARRAY: return SharedLongArray.open(name);
            case DOUBLE_ARRAY: return SharedDoubleArray.open(name);
            case MEMORY: return SharedMemory.open(name);
            case QUEUE: return SharedQueue.open(name);
            case PIPE: return Pipe.open(name);
            case PIPE_LEFT: return Pipe.openEnd(name, 0);
            case PIPE_RIGHT: return Pipe.openEnd(name, 1);
            default: throw new IllegalArgumentException("no shared type of kind " + kind);
        }
    }
}
