package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.shm.BarrierBackend;
import io.multiprocessing4j.internal.shm.BarrierState.Arrival;
import io.multiprocessing4j.internal.shm.BarrierState.Outcome;

/** A manager's barrier: every call goes to the server; an interrupted wait breaks it there. */
final class RemoteBarrier extends RemoteObject implements BarrierBackend {

    RemoteBarrier(ManagerClient client, int id) {
        super(client, id, Op.BARRIER);
    }

    @Override
    public int parties() {
        return (Integer) call(Op.BARRIER_PARTIES);
    }

    @Override
    public int numberWaiting() {
        return (Integer) call(Op.BARRIER_WAITING);
    }

    @Override
    public boolean isBroken() {
        return (Boolean) call(Op.BARRIER_IS_BROKEN);
    }

    @Override
    public Arrival await(long nanos) {
        int index;
        try {
            index = (Integer) callWaiting(true, nanos, Op.BARRIER_AWAIT);
        } catch (InterruptedException e) {
            return new Arrival(Outcome.INTERRUPTED, -1);
        }
        switch (index) {
            case Op.BARRIER_BROKEN: return new Arrival(Outcome.BROKEN, -1);
            case Op.BARRIER_TIMED_OUT: return new Arrival(Outcome.TIMED_OUT, -1);
            default: return new Arrival(Outcome.PASSED, index);
        }
    }

    @Override
    public void abort() {
        call(Op.BARRIER_ABORT);
    }

    @Override
    public void reset() {
        call(Op.BARRIER_RESET);
    }
}
