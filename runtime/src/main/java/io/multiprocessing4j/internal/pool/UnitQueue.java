package io.multiprocessing4j.internal.pool;

import java.util.ArrayDeque;

/**
 * The pool's queue of units waiting for a worker, which also counts the tasks in them, for
 * {@code Pool.stats()} without walking a queue that may hold a million units. Guarded by the
 * pool's lock, as the queue it replaces was.
 */
final class UnitQueue {

    private final ArrayDeque<Unit> units = new ArrayDeque<>();
    private long tasks;

    void add(Unit unit) {
        units.add(unit);
        tasks += unit.size;
    }

    void addFirst(Unit unit) {
        units.addFirst(unit);
        tasks += unit.size;
    }

    /** The first unit, removed, or {@code null}. */
    Unit poll() {
        Unit unit = units.poll();
        if (unit != null) {
            tasks -= unit.size;
        }
        return unit;
    }

    void remove(Unit unit) {
        if (units.remove(unit)) {
            tasks -= unit.size;
        }
    }

    boolean isEmpty() {
        return units.isEmpty();
    }

    /** The tasks in the queued units. */
    long tasks() {
        return tasks;
    }
}
