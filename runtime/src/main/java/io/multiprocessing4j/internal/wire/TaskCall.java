package io.multiprocessing4j.internal.wire;

import java.util.Objects;

/**
 * A bound call as the runtime carries it from the public {@code Task} to the wire: the generated
 * dispatcher, the method's number in it, its display name and the arguments. The type that the
 * pool, {@code ChildProcess} and {@link TaskCodec} pass single tasks as; a map's tasks go into
 * their chunks by their parts instead ({@link TaskWriter}), so that a million items do not make a
 * million of these. Either way {@link TaskCodec} writes it, and nothing else does.
 *
 * <p>Immutable, but holds its arguments by reference, as the public task does.
 */
public final class TaskCall {

    /** The generated dispatcher class of the method's owner. */
    public final Class<?> dispatcher;
    /** The method's number in the dispatcher. */
    public final int method;
    /** The method's display name, {@code Owner.method}. */
    public final String name;
    /** The arguments in parameter order; not copied. */
    public final Object[] arguments;

    /** A call; the arguments are not copied. */
    public TaskCall(Class<?> dispatcher, int method, String name, Object[] arguments) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.method = method;
        this.name = Objects.requireNonNull(name, "name");
        this.arguments = Objects.requireNonNull(arguments, "arguments");
    }

    /** Where the classes of the call's result are looked up: its owner's class loader. */
    public ClassLoader loader() {
        return dispatcher.getClassLoader();
    }
}
