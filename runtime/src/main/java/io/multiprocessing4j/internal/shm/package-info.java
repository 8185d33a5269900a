/**
 * Memory shared between the processes of one program, and the machinery for sharing state in it:
 * the segments, the way a process sleeps until another changes a word, the way a process knows
 * that another has died, and the way shared objects cross the wire. The public shared types
 * ({@code SharedLock}, {@code SharedEvent}, {@code SharedInt}, ...) are thin views over the state
 * classes here; queues, pipes and the manager's objects build on the same pieces.
 *
 * <h2>What lives here</h2>
 * <ul>
 *   <li><b>Where memory is.</b> {@link io.multiprocessing4j.internal.shm.ProgramDirectory}: the
 *       program's directory (in {@code /dev/shm}), which children inherit and which is removed at
 *       the root's exit, or by the next program after a {@code kill -9}.
 *       {@link io.multiprocessing4j.internal.shm.Segment}: one mapped file in it, created by any
 *       process (its memory reserved then, so that a full file system is an exception at
 *       creation, not a fault at a write) and opened by name by the others, mapped once per
 *       process.
 *       {@link io.multiprocessing4j.internal.shm.Header}: the first bytes of every shared
 *       object's segment (magic, {@link io.multiprocessing4j.internal.shm.SharedKind}, a detail),
 *       checked whenever a segment is opened from a handle.</li>
 *   <li><b>Touching it.</b> {@link io.multiprocessing4j.internal.shm.Atomics}: the
 *       {@code VarHandle}s, atomic across processes on the shared mapping.</li>
 *   <li><b>Waiting.</b> {@link io.multiprocessing4j.internal.shm.Futex}: sleep while a word holds
 *       a value, wake those asleep on it (Linux {@code futex} through JNA, loaded lazily on a
 *       daemon thread; polling elsewhere). {@link io.multiprocessing4j.internal.shm.Deadline}: a
 *       blocking call's time cut into slices, so that every waiter looks up at least every 50 ms
 *       (interrupts, its deadline, the processes it waits for).</li>
 *   <li><b>Who is alive.</b> {@link io.multiprocessing4j.internal.shm.Lease}: each process's
 *       token, backed by a lease file it holds locked for life; a token's process is dead once
 *       its lock can be taken.</li>
 *   <li><b>Ownership and repair.</b> {@link io.multiprocessing4j.internal.shm.RobustLock}: a lock
 *       owned by a thread of a process, taken over when its owner's process dies.
 *       {@link io.multiprocessing4j.internal.shm.UndoLog}: several words changed together under a
 *       robust guard, undone if the process changing them dies halfway.</li>
 *   <li><b>Surviving a death.</b> {@link io.multiprocessing4j.internal.shm.UnitLog}: a pool
 *       worker's log of the outcomes of the chunk it runs, one per task as it ends, which its
 *       parent reads when the worker dies, however it died.</li>
 *   <li><b>State of each kind.</b> {@link io.multiprocessing4j.internal.shm.EventState},
 *       {@link io.multiprocessing4j.internal.shm.SemaphoreState} (who holds how many permits, and
 *       what a holder's death may give back),
 *       {@link io.multiprocessing4j.internal.shm.BarrierState} (who has the barrier, and which
 *       deaths break a round),
 *       {@link io.multiprocessing4j.internal.shm.ConditionState},
 *       {@link io.multiprocessing4j.internal.shm.IntCells}, {@code LongCells},
 *       {@code DoubleCells}.</li>
 *   <li><b>On the wire.</b> {@link io.multiprocessing4j.internal.shm.Handles}: a shared object
 *       travels as its kind and segment name and arrives as a view of the same segment; a new
 *       kind joins with one registration in {@code io.multiprocessing4j.SharedKinds}.</li>
 * </ul>
 *
 * <h2>Adding a kind of shared object</h2>
 * Give it a {@link io.multiprocessing4j.internal.shm.SharedKind}; lay out its segment after the
 * {@link io.multiprocessing4j.internal.shm.Header}, with ints 4-aligned and longs 8-aligned;
 * change any state that spans words inside an {@code UndoLog} section; record owners by
 * {@code Lease} token where a death must be repaired; block with {@code Deadline} slices and
 * {@code Futex}, counting sleepers so that wakers skip the system call when nobody sleeps; call
 * {@link io.multiprocessing4j.internal.shm.Futex#prepare()} when an instance that can block is
 * made or arrives; register it in {@code SharedKinds}.
 *
 * <h2>Threads and locks</h2>
 * Any thread of any process uses any object; all shared state is in segment words, read and
 * written with volatile or atomic access, so an instance is a stateless view and several views
 * of one object, in one process or many, agree. Java locks in this package: {@code ProgramDirectory}
 * creates the directory once under its class lock; {@code Lease} takes this process's token and
 * checks other processes one at a time under its class lock; {@code Futex} starts its loader
 * under its class lock; {@code BarrierState} detaches at shutdown under its class lock. None is
 * held while taking another or while waiting on shared memory. Shared-memory guards
 * ({@code RobustLock}s inside {@code UndoLog}s) are held only for short sections that neither
 * block nor take another guard, so there is no lock order to respect between objects; a waiter
 * never holds a guard while it sleeps. Threads this package starts: one daemon thread per process
 * that loads JNA and warms the fast paths ({@code multiprocessing4j-futex-loader}), and a shutdown
 * hook that lets go of barriers ({@code multiprocessing4j-barrier-detach}).
 */
package io.multiprocessing4j.internal.shm;
