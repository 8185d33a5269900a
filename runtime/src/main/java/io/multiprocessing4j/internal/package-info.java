/**
 * The runtime's internals: not an API; public only where generated code or another internal
 * package needs it.
 *
 * <h2>What lives here</h2>
 *
 * <p>The packages below: {@code launch} (the parent's side of a child JVM), {@code wire} (the
 * bytes between parent and child), {@code child} (the child JVM's main) and {@code pool} (the
 * engine behind {@code Pool}). In this package, what several of them share:
 * {@link io.multiprocessing4j.internal.Dispatcher} and
 * {@link io.multiprocessing4j.internal.DispatcherIndex} (the generated dispatchers and the check
 * that a task's is indexed), {@link io.multiprocessing4j.internal.ExitStatus} (how a child
 * ended, in Python's terms), {@link io.multiprocessing4j.internal.NamedProcess},
 * {@link io.multiprocessing4j.internal.TaskText} and
 * {@link io.multiprocessing4j.internal.Signatures} (for messages),
 * {@link io.multiprocessing4j.internal.LiveChildren} (the children alive, and the daemon ones
 * terminated at exit), {@link io.multiprocessing4j.internal.ProcessTree} (ending a process with
 * everything it started), {@link io.multiprocessing4j.internal.TimerThread} (a thread that runs
 * timed actions and exists only while it has some) and
 * {@link io.multiprocessing4j.internal.Scheduler} (the timer thread).
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>The {@code Scheduler}'s timer thread ({@code multiprocessing4j-timer}, daemon) runs
 *       timers, and only while some are pending; an interrupt ends it. The pool's progress thread
 *       ({@code multiprocessing4j-progress}) is another {@code TimerThread}, with a lifetime of
 *       the same kind.
 *   <li>{@code LiveChildren}'s shutdown hook terminates daemon children at exit and waits for
 *       them a second at most.
 *   <li>{@code ProcessTree} runs on its callers' threads, and, after {@code terminate}, on the
 *       thread that completes the child's exit.
 *   <li>Everything else is called from the packages below, on their threads.
 * </ul>
 *
 * <h2>Locks</h2>
 *
 * <p>A {@code TimerThread}'s lock (the {@code Scheduler}'s among them) is a leaf: actions run
 * without it. {@code LiveChildren} is a
 * concurrent map; {@code DispatcherIndex} a {@code ClassValue}; the rest hold no state.
 */
package io.multiprocessing4j.internal;
