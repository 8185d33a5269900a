package io.multiprocessing4j.internal.shm;

/**
 * Runs the fast paths of locks and events a few thousand times on a private scratch segment, so
 * that the JIT has compiled them before the application's threads need them. A fresh child JVM
 * otherwise interprets them for its first few thousand calls, and in the interpreter each
 * {@code VarHandle} access to shared memory costs a microsecond or two: measured on this
 * project's machine, a lock and unlock cost about 15 µs interpreted and under 0.2 µs compiled.
 * A process that takes a contended lock right after it starts (the common case for a child)
 * would otherwise spend its first tens of milliseconds many times slower than it needs to.
 *
 * <p>Runs once per process, on the daemon thread that loads the native support
 * ({@link Futex#prepare()}), so that only processes that have an object that can block pay for
 * it, off their own threads: a few tens of milliseconds of one core's time. The scratch segment's file is
 * deleted at once; its mapping goes with the thread's last reference.
 */
final class Warmup {

    private static final int ROUNDS = 5_000;

    private Warmup() {}

    static void run() {
        Segment scratch;
        try {
            scratch = Segment.create("warmup", 4096);
        } catch (RuntimeException e) {
            return; // no room to warm up in: the application's threads warm up themselves
        }
        scratch.delete();
        RobustLock lock = new RobustLock(scratch, 1024, false);
        RobustLock reentrant = new RobustLock(scratch, 2048, true);
        EventState event = new EventState(scratch);
        try {
            for (int i = 0; i < ROUNDS; i++) {
                lock.lock(-1, false);
                lock.unlock();
                if (lock.tryLock()) {
                    lock.unlock();
                }
                reentrant.lock(-1, false);
                reentrant.unlock();
                event.set();
                event.await(0);
                event.clear();
                event.isSet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
