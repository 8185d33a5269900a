/**
 * The engine behind {@code Pool}: units of work, workers, dispatch, deaths, deadlines and
 * cancellation.
 *
 * <h2>What lives here</h2>
 *
 * <ul>
 *   <li>{@link io.multiprocessing4j.internal.pool.PoolCore}: the pool's state and its lock, the
 *       queue of units and the workers, and the rules that move units between them. It decides;
 *       it neither decodes nor starts anything itself.
 *   <li>{@code Outcomes}: a decoded results frame (or a death, a timeout, a termination) turned
 *       into each task's outcome; every exception the pool gives a user about a task is built
 *       there.
 *   <li>{@code WorkerSupply}: starts, names ({@code PoolWorker-N}) and replaces workers, and keeps
 *       the broken-pool rule; no worker is started while the JVM shuts down.
 *   <li>{@code WorkerLauncher}: the seam between the pool and processes;
 *       {@code JvmWorkerLauncher} starts worker JVMs, a test's launcher fakes them in-process.
 *   <li>{@code WorkerHandle}: the parent's view of one worker, its lifecycle as one
 *       {@code State}, the units it holds and the frames waiting to be sent to it, and the typed
 *       dispatch of what it sends.
 *   <li>{@code PoolEvents}: the pool's log ({@code System.Logger} {@code io.multiprocessing4j.pool})
 *       and the counts behind {@code Pool.stats()}; {@code PoolCore} decides and tells it.
 *       {@code UnitQueue}: the queue of units, counting their tasks.
 *   <li>{@code ProgressRelay}: the progress of a map, an imap or a whole pool, and its listeners,
 *       called on one shared daemon thread ({@code multiprocessing4j-progress}), coalesced; the
 *       thread runs only while a call is pending (a {@code TimerThread}).
 *   <li>{@code ResidentMemory}: a worker's resident memory, read by the parent from
 *       {@code /proc}, for {@code maxMemoryPerChild}.
 *   <li>{@code Callbacks}: the threads that complete the futures a user holds, so that user
 *       callbacks never run on a thread the pool needs.
 *   <li>{@code Unit}: one unit of work, kept as its encoded
 *       {@link io.multiprocessing4j.internal.wire.TasksFrame}; its state is one of
 *       {@code QUEUED, SENT, DONE, CANCELLED}.
 * </ul>
 *
 * <p>When a worker dies inside a chunk, what its {@code UnitLog} says it finished is delivered,
 * the task after that fails with {@code WorkerDiedException} naming it, and the tasks after that
 * go back to the front of the queue as a new unit (the chunk itself is done); without a log of
 * that unit (the worker could not keep one, or died between units), the whole chunk fails.
 *
 * <p>A results frame counts only if it comes from the unit's current owner: the worker it is
 * sent to, which has not since said that it halts (for a time limit or a cancel). A worker that
 * said so is killed if it has not exited within a grace. A worker whose initializer is still
 * running past the pool's time limit is killed.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>Submitting threads encode units and queue them; each worker's reader thread (one per
 *       {@code ChildJvm}) decodes its frames outside the lock and applies them under it; a
 *       starter thread per replacement worker; the {@code Scheduler}'s thread runs deadlines.
 *   <li>Outcomes are delivered, and frames written, after the pool's lock is released, on the
 *       delivering thread (a reader, mostly), into sinks. A sink never runs user code there: a
 *       future the user holds is completed on the pool's {@code Callbacks} threads, which run
 *       the user's callbacks, so a callback may call back into the pool and wait. A thread marks
 *       itself while it delivers, so that {@code close}, {@code terminate} and {@code join} called
 *       from a sink do not wait for the thread they run on; {@code join} waits for the callbacks
 *       to have run, unless it is called from one.
 *   <li>A worker that dies inside a chunk leaves a {@code UnitLog} of the tasks it finished; the
 *       reader reads it, and decodes it outside the lock, when it reports the exit.
 *   <li>Log records are written by the thread that decided, after it released the lock (a
 *       {@code Batch} carries them); progress listeners run on the progress thread, which takes
 *       no pool lock: the pool's threads only add to a relay's counter and schedule a call.
 * </ul>
 *
 * <h2>Locks</h2>
 *
 * <p>{@code PoolCore.lock} guards the queue, the workers, every unit's state and every {@code
 * WorkerHandle}'s fields but its send batch. The map of sent units by id is a concurrent map, read
 * by readers without the lock to find a frame's unit before decoding it; the unit's ownership is
 * checked again under the lock before anything is applied. {@code PoolCore}'s flag that readers
 * have frames queued to write is written under the lock and read without it, so that a reader with
 * nothing to write does not take the lock after each batch of frames. A {@code Unit}'s cache of
 * decoded tasks is guarded by the unit's own monitor, a leaf, as is {@code Callbacks}' monitor. Order: a {@code WorkerHandle}'s send
 * lock, then {@code PoolCore.lock} ({@code WorkerHandle.flush} takes the pool's lock to drain its
 * outbox while holding its send lock), then the frame channel's write lock. Nothing takes a send
 * lock while holding the pool's lock.
 */
package io.multiprocessing4j.internal.pool;
