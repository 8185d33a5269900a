/**
 * Python's {@code multiprocessing} for the JVM: child JVMs that run compile-checked static
 * methods.
 *
 * <p>A static method marked {@code @Worker} or {@code @PoolTask} gets, from the annotation
 * processor, a typed factory in {@code FooWorkers} or {@code FooTasks}. A factory binds arguments
 * into a {@link io.multiprocessing4j.Task} or an unstarted {@link io.multiprocessing4j.ChildProcess};
 * nothing runs until a process is started or a task is given to a {@link io.multiprocessing4j.Pool}.
 *
 * <p><b>What crosses the process boundary.</b> Arguments and results are encoded compactly
 * (primitives, boxes, strings, arrays, enums, records, lists, sets, maps) or, for other
 * {@code Serializable} types, with JDK serialization behind an {@code ObjectInputFilter}. Both
 * sides are checked at compile time by the processor, so a lambda or a {@code Thread} argument is
 * a compile error, not a run-time surprise. Nothing is decoded before the peer has proved, with a
 * per-child secret that never appears on a command line, that it is the expected parent or child.
 *
 * <p><b>What a process costs.</b> A child is a fresh JVM: starting one costs tens of
 * milliseconds and tens of megabytes (the README has the figures for this machine). Pool workers
 * are started once, in parallel, and reused; a task's round trip costs tens of microseconds.
 *
 * <p><b>What happens on failure.</b> A task that throws fails with
 * {@link io.multiprocessing4j.TaskFailedException} carrying the original exception; a worker that
 * dies fails the task it ran with {@link io.multiprocessing4j.WorkerDiedException}; a task past
 * its time limit fails with {@link io.multiprocessing4j.TaskTimeoutException} and its worker is
 * killed. Nothing hangs, and no child outlives its parent: a child exits within about a second of
 * its parent's death, {@code kill -9} included.
 */
package io.multiprocessing4j;
