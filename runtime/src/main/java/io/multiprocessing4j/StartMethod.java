package io.multiprocessing4j;

/**
 * How a child JVM is started, the counterpart of Python's start methods; chosen with
 * {@link Multiprocessing#setStartMethod(StartMethod)} or the system property
 * {@code multiprocessing4j.startMethod=spawn|warm}.
 *
 * <p>Either way a child is a JVM of its own, with this JVM's {@code java}, class path and the
 * options it was given, and the same guarantees: it dies with this JVM, and nothing of it is left
 * after it ends. The methods differ only in when that JVM is booted.
 */
public enum StartMethod {

    /**
     * A fresh JVM is booted for every child when it is started, and {@code start()} waits for it:
     * Python's {@code spawn}. Costs a JVM's boot (tens to a few hundred milliseconds, measured in
     * the README) on every start, and no memory between children.
     */
    SPAWN,

    /**
     * The default, Python's {@code forkserver}: a child is handed to a spare, an idle JVM that was
     * booted in advance with the same class path and JVM options, so {@code start()} costs a
     * message instead of a boot. After a child of a configuration (its JVM options) has ended, the
     * runtime keeps a spare of that configuration ready in its place, up to
     * {@link Multiprocessing#setSpares(int) a number of} spares in all (the oldest of another
     * configuration makes way), so a program never has more spares than it recently had
     * children. A spare has connected back and proved itself, waits for its
     * first message without using CPU, runs no user code until it is handed a task, is not listed
     * by {@link Multiprocessing#activeChildren()}, dies with this JVM (even after
     * {@code kill -9}), is never started while this JVM shuts down, and is ended after
     * {@code multiprocessing4j.spareIdleSeconds} (default 60) unused. Each costs the resident
     * memory of an idle child JVM, measured in the README. When no spare is ready, a child is
     * booted as with {@link #SPAWN}. In {@code ps}, a child that was a spare shows
     * {@code -Dmultiprocessing4j.name=(spare)} instead of its name, and its parent's pid as every
     * child does.
     */
    WARM
}
