package io.multiprocessing4j;

import io.multiprocessing4j.internal.shm.Handles;
import io.multiprocessing4j.internal.shm.SharedKind;

/**
 * Registers every shared type with {@link Handles}, so that each travels on the wire as a handle
 * to the same object: the one place that ties a public type to its {@link SharedKind}. Loaded by
 * {@code Handles} when it is first used; a new shared type adds one line here.
 */
final class SharedKinds {

    static {
        Handles.register(SharedKind.LOCK, SharedLock.class, v -> v.segment, SharedLock::open);
        Handles.register(SharedKind.RLOCK, SharedRLock.class, v -> v.segment, SharedRLock::open);
        Handles.register(SharedKind.CONDITION, SharedCondition.class, v -> v.segment, SharedCondition::open);
        Handles.register(SharedKind.SEMAPHORE, SharedSemaphore.class, v -> v.segment, SharedSemaphore::open);
        Handles.register(SharedKind.EVENT, SharedEvent.class, v -> v.segment, SharedEvent::open);
        Handles.register(SharedKind.BARRIER, SharedBarrier.class, v -> v.segment, SharedBarrier::open);
        Handles.register(SharedKind.INT, SharedInt.class, v -> v.segment, SharedInt::open);
        Handles.register(SharedKind.LONG, SharedLong.class, v -> v.segment, SharedLong::open);
        Handles.register(SharedKind.DOUBLE, SharedDouble.class, v -> v.segment, SharedDouble::open);
        Handles.register(SharedKind.INT_ARRAY, SharedIntArray.class, v -> v.segment, SharedIntArray::open);
        Handles.register(SharedKind.LONG_ARRAY, SharedLongArray.class, v -> v.segment, SharedLongArray::open);
        Handles.register(SharedKind.DOUBLE_ARRAY, SharedDoubleArray.class, v -> v.segment, SharedDoubleArray::open);
        Handles.register(SharedKind.MEMORY, SharedMemory.class, v -> v.segment, SharedMemory::open);
    }

    private SharedKinds() {}
}
