package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.internal.Dispatcher;
import io.multiprocessing4j.internal.wire.TaskCodec;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the generated dispatcher a task names. The named class is loaded without being
 * initialized and must implement {@link Dispatcher} before anything of it runs, so a task id can
 * never make a child run the static initializer of an arbitrary class. (The parent has already
 * checked the processor's index when it sent the task; the child does not read the index again,
 * because the resource lookup costs it milliseconds at start-up.) Each dispatcher is created
 * once, through its public no-arg constructor; calls go straight from its {@code switch} to the
 * user's method.
 */
final class Dispatchers {

    private final ClassLoader loader;
    private final Map<String, Dispatcher> loaded = new HashMap<>();

    Dispatchers(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The dispatcher a task's target names, looked up once per target.
     *
     * @throws IllegalStateException if it cannot be created
     */
    Dispatcher get(TaskCodec.Target target) {
        Dispatcher dispatcher = (Dispatcher) target.resolved;
        if (dispatcher == null) {
            dispatcher = get(target.dispatcher);
            target.resolved = dispatcher;
        }
        return dispatcher;
    }

    /**
     * The dispatcher named {@code className}.
     *
     * @throws IllegalStateException if it is not in the index or cannot be created
     */
    synchronized Dispatcher get(String className) {
        Dispatcher dispatcher = loaded.get(className);
        if (dispatcher == null) {
            dispatcher = load(className);
            loaded.put(className, dispatcher);
        }
        return dispatcher;
    }

    private Dispatcher load(String className) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            if (!Dispatcher.class.isAssignableFrom(type)) {
                throw new IllegalStateException(className + " is not a multiprocessing4j dispatcher");
            }
            return (Dispatcher) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot create " + className + ": " + e, e);
        }
    }
}
