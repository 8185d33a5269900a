/**
 * The child's side: the generic main class every child JVM runs, as JMH's forked main.
 *
 * <h2>What lives here</h2>
 *
 * <p>{@link io.multiprocessing4j.internal.child.ChildMain} reads the bootstrap, connects back and
 * proves itself, learns its name and its work, and runs a {@code ChildProcess} task or becomes a
 * pool worker ({@code PoolWorker}, with its {@code Watchdog} for time limits).
 * {@code Dispatchers} finds the generated dispatcher a task names; {@code ChildContext} holds who
 * this JVM is. {@code ParentWatch} and {@code ExitReporter} are the child's end of its life: the
 * first notices a dead parent and exits, the second tells the parent, from a shutdown hook, how
 * this JVM is ending.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>The main thread runs a {@code ChildProcess} task; a pool worker's two threads share
 *       reading the connection and running units (see {@code PoolWorker}).
 *   <li>{@code multiprocessing4j-parent-watch} (daemon) reads a {@code ChildProcess} child's or
 *       a manager's server's connection to its end (a server exits 0 when it reads
 *       {@code SHUTDOWN}); {@code multiprocessing4j-orphan-halt} (daemon) halts an orphan
 *       whose shutdown hooks take more than a second; {@code multiprocessing4j-watchdog}
 *       (daemon) enforces pool time limits.
 *   <li>The shutdown hook {@code multiprocessing4j-exit-reporter} sends {@code EXITING}, closes
 *       the connection, and, when a signal started the shutdown, ends the processes this JVM has
 *       started.
 * </ul>
 *
 * <p>Whichever way a child ends other than an ordinary exit (terminated, orphaned, halted for a
 * time limit or a cancel), it ends the processes it started first ({@code ProcessTree}).
 *
 * <h2>Locks</h2>
 *
 * <p>A pool worker's lock (see {@code PoolWorker}), then the frame channel's write lock, when a
 * cancel sends its result while holding it. {@code Dispatchers}' monitor is a leaf.
 * {@code ParentWatch} and {@code ExitReporter} take no lock: their state is volatile.
 */
package io.multiprocessing4j.internal.child;
