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
 *
 * <p><b>Shared state.</b> Locks ({@link io.multiprocessing4j.SharedLock},
 * {@link io.multiprocessing4j.SharedRLock} and their {@link io.multiprocessing4j.SharedCondition}s),
 * {@link io.multiprocessing4j.SharedSemaphore}, {@link io.multiprocessing4j.SharedEvent},
 * {@link io.multiprocessing4j.SharedBarrier}, values ({@link io.multiprocessing4j.SharedInt},
 * {@link io.multiprocessing4j.SharedLong}, {@link io.multiprocessing4j.SharedDouble}), arrays
 * ({@link io.multiprocessing4j.SharedIntArray}, {@link io.multiprocessing4j.SharedLongArray},
 * {@link io.multiprocessing4j.SharedDoubleArray}) and raw memory
 * ({@link io.multiprocessing4j.SharedMemory}) are created in any process by a static factory and
 * passed to a task like any argument: they arrive as handles to the same object, not copies, and
 * two handles to one object are {@code equals}. Each is a file in the program's shared-memory
 * directory ({@code /dev/shm}; {@code -Dmultiprocessing4j.shmDir=<directory>} chooses another),
 * mapped into each process that has it, and stays until the program ends (after a
 * {@code kill -9}, the next program removes it): a page at least, so create them for the
 * program's life, not one per task. A factory takes all the memory of its object from the file
 * system when it creates it, and throws {@link java.io.UncheckedIOException} when the file
 * cannot be created or mapped, or the file system has no room for it, with a message that says
 * where and what to do; no later access fails for want of memory.
 * Blocking methods sleep in the kernel, notice interrupts within 50 ms, and their timed forms
 * return once the time is up; a lock or the semaphore permits that a dead process held are
 * given back, and a barrier that it had breaks, within about a quarter of a second.
 */
package io.multiprocessing4j;
