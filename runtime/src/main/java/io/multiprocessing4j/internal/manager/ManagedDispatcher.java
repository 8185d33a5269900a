package io.multiprocessing4j.internal.manager;

/**
 * The server side of a {@code @Managed} interface: the processor generates one per interface
 * ({@code FooManaged.DISPATCHER} for {@code Foo}), so that a manager's server calls the
 * implementation without reflection and a client makes its proxies.
 *
 * <p>Public only because generated code in the user's package implements it; not an API.
 */
public interface ManagedDispatcher {

    /**
     * Where the processor writes one index entry per generated managed class, named after its
     * binary name; a manager refuses to load a class as a managed dispatcher unless its entry is
     * there.
     */
    String INDEX_DIRECTORY = "META-INF/multiprocessing4j/managed/";

    /** The {@code @Managed} interface this dispatcher serves. */
    Class<?> type();

    /**
     * Calls method number {@code method} on {@code target} with {@code arguments}.
     *
     * @param target an instance of {@link #type()}
     * @param method the method's number, as the generated proxy numbers it
     * @param arguments the arguments, already decoded, in parameter order
     * @return the method's result, boxed; {@code null} for a {@code void} method
     * @throws Throwable whatever the method throws, unchanged
     */
    Object invoke(Object target, int method, Object[] arguments) throws Throwable;

    /** Makes a client-side proxy of {@link #type()} that sends its calls through {@code calls}. */
    Object proxy(ManagedCalls calls);
}
