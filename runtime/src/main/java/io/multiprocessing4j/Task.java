package io.multiprocessing4j;

import io.multiprocessing4j.internal.TaskText;
import io.multiprocessing4j.internal.wire.TaskCall;
import io.multiprocessing4j.internal.wire.TasksFrame;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A bound call of a {@code @PoolTask} or {@code @Worker} method: which method, with which
 * arguments. A task does nothing by itself; it runs when a {@link Pool} or a {@link ChildProcess}
 * ships it to a child JVM, where the generated dispatcher calls the method.
 *
 * <p>Tasks come from the generated factories ({@code FooTasks.square(3)}), never from user code:
 * the factories are what make the argument types compile-checked. A task is immutable but holds
 * its arguments by reference; mutating an argument object after binding changes what is sent.
 *
 * <p>Cost: one small object and the argument array; nothing is encoded until the task is sent.
 * A map writes each of its tasks into a chunk straight from this object: the runtime's own
 * {@code TaskCall} is built only for tasks sent one at a time.
 *
 * @param <R> the method's return type, boxed; {@code Void} for a {@code void} method
 */
public final class Task<R> {

    // The parts of a TaskCall, held here rather than in one: a map builds a task per item.
    private final Class<?> dispatcher;
    private final int method;
    private final String name;
    private final Object[] arguments;

    private Task(Class<?> dispatcher, int method, String name, Object[] arguments) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.method = method;
        this.name = Objects.requireNonNull(name, "name");
        this.arguments = Objects.requireNonNull(arguments, "arguments");
    }

    /**
     * Binds a call. Called by generated code; the parameters are what the processor knows about
     * the method, and a task built by hand with other values fails in the child with a message
     * that says it is not in the processor's index.
     *
     * @param dispatcher the generated dispatcher class of the method's owner
     * @param method the method's number in that dispatcher
     * @param name the method's display name, {@code Owner.method}, used in messages
     * @param arguments the arguments, boxed, in parameter order; the array is not copied
     * @param <R> the method's boxed return type
     * @return the bound call; sending it fails with {@link IllegalStateException} if
     *     {@code dispatcher} is not a generated dispatcher in the processor's index
     */
    public static <R> Task<R> of(Class<?> dispatcher, int method, String name, Object[] arguments) {
        // Whether dispatcher really is a generated dispatcher is checked once per class, when a
        // task of it is first sent (DispatcherIndex): a map builds a million tasks through here.
        return new Task<>(dispatcher, method, name, arguments);
    }

    /**
     * The method's identity on the wire: the dispatcher's binary name, {@code #} and the method
     * number. Stable for one build of the code; parent and children share the classpath.
     *
     * @return the task id, for example {@code com.example.DoublerDispatcher#0}
     */
    public String id() {
        return dispatcher.getName() + '#' + method;
    }

    /**
     * The method's display name, used in every message about this task.
     *
     * @return {@code Owner.method}, for example {@code Doubler.square}
     */
    public String name() {
        return name;
    }

    /**
     * The bound arguments, in parameter order, primitives boxed.
     *
     * @return an unmodifiable view of the arguments; it may contain {@code null}
     */
    public List<Object> arguments() {
        return Collections.unmodifiableList(Arrays.asList(arguments));
    }

    /** The call as the runtime carries it, built now; for {@link Pool} and {@link ChildProcess}. */
    TaskCall call() {
        return new TaskCall(dispatcher, method, name, arguments);
    }

    /**
     * Appends this task to a chunk's frame, without building its {@link #call()}.
     *
     * @throws IllegalArgumentException naming the parameter that cannot be sent
     * @throws IllegalStateException if the dispatcher is not in the processor's index
     */
    void writeTo(TasksFrame frame) {
        frame.add(dispatcher, method, name, arguments);
    }

    /**
     * The call as it would be written in Java, arguments rendered with {@code toString} and
     * shortened, for messages and logs.
     */
    @Override
    public String toString() {
        return TaskText.render(name, arguments);
    }
}
