/**
 * Queues and pipes between the processes of a program, in the program's shared memory: the state
 * behind {@code SharedQueue}, {@code Pipe} and {@code Connection}.
 *
 * <h2>What lives here</h2>
 * <ul>
 *   <li>{@link io.multiprocessing4j.internal.channel.RecordRing}: records in first-in, first-out
 *       order, appended and removed by any thread of any process; its records live in a ring
 *       segment that grows and shrinks back as needed. Every change commits with one write, so a
 *       process killed anywhere leaves nothing half done.
 *       {@link io.multiprocessing4j.internal.channel.WaitWord}: a futex word and its count of
 *       sleepers, for waiting on a ring (or a queue's tasks) without CPU.
 *       {@link io.multiprocessing4j.internal.channel.Spin}: how long a waiter spins first.</li>
 *   <li>{@link io.multiprocessing4j.internal.channel.QueueState}: a queue, one ring, with a bound
 *       in items and Python's task counting; it is the shared-memory
 *       {@link io.multiprocessing4j.internal.channel.QueueBackend}, the interface
 *       {@code SharedQueue} delegates to (a manager's queue is another).</li>
 *   <li>{@link io.multiprocessing4j.internal.channel.PipeState}: a pipe, two ends and a ring for
 *       each direction; {@link io.multiprocessing4j.internal.channel.PipeEnd}: one end as this
 *       process sees it, owned by one process at a time, handed over when it is sent.
 *       {@code OwnedEnds}: the ends this process owns, closed at its orderly exit.</li>
 *   <li>{@code Items}: values in and out of records with the wire's codec, and the messages that
 *       say which value could not be carried. {@code ChannelWarmup}: runs the hot paths once per
 *       process, off the application's threads, so that the JIT has compiled them.</li>
 * </ul>
 *
 * <h2>Threads and locks</h2>
 * Any thread of any process uses any object; all shared state is in segment words read and
 * written with volatile or atomic access. Per ring, two {@link io.multiprocessing4j.internal.shm.RobustLock}s
 * in shared memory: appenders', then removers' (only making a new ring, or discarding one, takes
 * both, in that order); each is held for one short section that copies one record and neither
 * blocks nor calls out, and is taken over if its holder's process dies. A pipe's end changes
 * owner by compare-and-swap of one word, under no lock. No lock is held while waiting: waiters
 * sleep on a {@code WaitWord} in {@link io.multiprocessing4j.internal.shm.Deadline} slices. In
 * this process's heap: each ring's current mapping (a volatile reference to an immutable view,
 * shared through {@link io.multiprocessing4j.internal.shm.Segment#local}); {@code OwnedEnds}'
 * concurrent map, its hook added once under its class lock; {@code Items}' spare encoder per
 * thread. Threads this package starts: {@code multiprocessing4j-channel-warmup} (daemon, once per
 * process, ends by itself) and the shutdown hook {@code multiprocessing4j-pipe-close}.
 */
package io.multiprocessing4j.internal.channel;
