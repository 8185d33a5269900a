package io.multiprocessing4j.internal.manager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's registered {@code @Managed} types: interface name to dispatcher and
 * implementation. Filled once, before the server accepts anyone; read-only afterwards.
 */
final class Registrations {

    private final Map<String, ManagedDispatcher> dispatchers = new HashMap<>();
    private final Map<String, Class<?>> implementations = new HashMap<>();

    /**
     * Loads and checks pairs of names: interface, implementation, ...
     *
     * @throws IllegalArgumentException if a class is missing or does not qualify
     */
    Registrations(List<String> pairs, ClassLoader loader) {
        for (int i = 0; i < pairs.size(); i += 2) {
            try {
                Class<?> type = Class.forName(pairs.get(i), false, loader);
                Class<?> implementation = Class.forName(pairs.get(i + 1), false, loader);
                ManagedTypes.checkImplementation(type, implementation);
                dispatchers.put(type.getName(), ManagedTypes.dispatcher(type));
                implementations.put(type.getName(), implementation);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("the manager's server cannot load " + e.getMessage()
                        + ": start it with the classpath that holds the registered types", e);
            }
        }
    }

    /** A new instance of the implementation registered for {@code typeName}. */
    ManagedObject instantiate(String typeName) {
        Class<?> implementation = implementations.get(typeName);
        if (implementation == null) {
            throw new ServerObjects.Refused(typeName + " is not registered with this manager: register it"
                    + " with Manager.builder().register(" + typeName + ".class, Implementation.class)");
        }
        try {
            return new ManagedObject(dispatchers.get(typeName), implementation.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ServerObjects.Refused("new " + implementation.getName() + "() failed in the manager's"
                    + " server: " + cause);
        }
    }
}
