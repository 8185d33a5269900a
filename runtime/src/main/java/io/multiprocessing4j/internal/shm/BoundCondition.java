package io.multiprocessing4j.internal.shm;

/** A condition in the program's shared memory with the lock it belongs to: a {@code SharedCondition}'s usual backend. */
public final class BoundCondition implements ConditionBackend {

    private final ConditionState state;
    private final RobustLock lock;

    public BoundCondition(ConditionState state, RobustLock lock) {
        this.state = state;
        this.lock = lock;
    }

    @Override
    public boolean await(long nanos, boolean interruptible) throws InterruptedException {
        return state.await(lock, nanos, interruptible);
    }

    @Override
    public void signal(boolean all) {
        state.signal(lock, all);
    }

    /** The name of the lock's segment. */
    public String lockName() {
        return state.lockName();
    }
}
