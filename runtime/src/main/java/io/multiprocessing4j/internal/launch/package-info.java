/**
 * The parent's side of a child JVM: its command line, its launch, its connection, its output and
 * its end.
 *
 * <h2>What lives here</h2>
 *
 * <ul>
 *   <li>{@link io.multiprocessing4j.internal.launch.ChildJvm}: one child, from spawn to exit.
 *       Launching has two halves so that many children boot in parallel: {@code spawn} starts the
 *       process, {@code Spawned.await} waits for its handshake.
 *   <li>{@link io.multiprocessing4j.internal.launch.Spares}: warm start, spare child JVMs booted
 *       to replace children that ended, which {@code spawn} hands the next child to; the start
 *       method and the number of spares.
 *   <li>{@link io.multiprocessing4j.internal.launch.JvmCommand}: the command line (the child's
 *       name and parent pid for {@code ps}, lean defaults, the user's options);
 *       {@link io.multiprocessing4j.internal.launch.ChildClassPath}: the class path a child gets,
 *       from {@code java.class.path} or from the runtime's {@code URLClassLoader} chain;
 *       {@link io.multiprocessing4j.internal.launch.ArgumentFile}: the file that carries it;
 *       {@link io.multiprocessing4j.internal.launch.ClassDataArchive}: class-data sharing, with
 *       {@link io.multiprocessing4j.internal.launch.ArchiveFiles} (the archive directory's files)
 *       and {@link io.multiprocessing4j.internal.launch.AotCacheAssembler} (the main class of the
 *       JVM that makes an AOT cache).
 *   <li>{@link io.multiprocessing4j.internal.launch.ParentEndpoint}: the listening socket and the
 *       handshake, with bounded resources whoever connects;
 *       {@link io.multiprocessing4j.internal.launch.ChildConnection}: an admitted connection, as
 *       the streams of the child's frame channel, immune to the interrupts of the threads that
 *       use it.
 *   <li>{@link io.multiprocessing4j.internal.launch.OutputPump}: a child's standard output or
 *       error, copied to the parent's.
 *   <li>{@link io.multiprocessing4j.internal.launch.LaunchGate} and
 *       {@link io.multiprocessing4j.internal.launch.ShuttingDownException}: no child is launched
 *       while this JVM shuts down.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>Any thread may launch a child, send to it, terminate or kill it.
 *   <li>One acceptor thread per endpoint ({@code multiprocessing4j-acceptor}, daemon) accepts
 *       connections and reads hellos; it alone touches the endpoint's selector and the
 *       connections that wait for their hello.
 *   <li>{@code multiprocessing4j-spares} (daemon) launches the spares wanted, then ends; a spare's
 *       handshake completes on the acceptor thread, its exit on the JDK's process-reaper thread,
 *       its start and idle deadlines on the scheduler's thread. A spare has no reader thread: it
 *       gets one, named after the child it becomes, when a launch awaits it. A reader interrupted
 *       or an acceptor interrupted (the application torn down) ends every spare.
 *   <li>The JVM that assembles an AOT cache ({@code AotCacheAssembler}, JDK 25) is launched by
 *       the reader thread of the child that recorded it; its exit is handled on a process-reaper
 *       thread. It is not a child in the sense of {@code LaunchGate}: it reads no file the
 *       parent deletes, is launched during shutdown too, and may outlive the parent (see
 *       {@code ClassDataArchive}). The sweep of stale temporary files of the archive directory
 *       runs once per parent on the scheduler's thread.
 *   <li>Per child, a reader thread ({@code <name>-reader}, a daemon exactly when the child is)
 *       reads its frames and calls its {@code Listener}, and two pump threads
 *       ({@code <name>-stdout}, {@code <name>-stderr}, daemons) copy its output.
 *   <li>Shutdown hooks: {@code LaunchGate}'s closes the gate, kills children still booting and
 *       deletes the argument file; {@code ParentEndpoint}'s closes the endpoint.
 *   <li>Interrupts: nothing here interrupts its own threads, so an interrupt means the application
 *       is being torn down ({@code mvn exec:java} after {@code main}, a container undeploying
 *       it). The acceptor then closes its endpoint (the next launch opens another), and a reader
 *       terminates its child, which ends the child's pumps too. The interrupt of a thread that
 *       launches fails that launch; that of a thread that sends does not stop the send, and is
 *       kept for its owner.
 * </ul>
 *
 * <h2>Locks</h2>
 *
 * <p>In the order in which they may be nested; no other nesting occurs, and none of them is held
 * while a {@code Listener} is called:
 *
 * <ol>
 *   <li>{@code ArgumentFile}'s class monitor, then the {@code Scheduler}'s lock (the sweep of
 *       stale files is scheduled when the file is written);
 *   <li>a {@code FrameChannel}'s write lock, then its {@code ChildConnection}'s monitor (a writer
 *       that must wait creates the write selector).
 * </ol>
 *
 * <p>Taken alone: {@code ParentEndpoint}'s class monitor ({@code get} and the shutdown hook);
 * {@code LaunchGate}'s lock and its probe's monitor, one after the other, never one inside the
 * other; an {@code OutputPump}'s monitor (its tail of output). {@code ClassDataArchive} uses
 * atomics and volatiles only. {@code Spares}' lock, inside which only the {@code Scheduler}'s
 * lock is taken (to set and cancel a spare's deadlines); it is never held while a process is
 * launched or killed, nor while {@code LaunchGate}'s locks are taken.
 */
package io.multiprocessing4j.internal.launch;
