package io.multiprocessing4j.internal;

/**
 * Runs one of a class's annotated methods by number. The annotation processor generates one
 * implementation per class that declares {@code @Worker} or {@code @PoolTask} methods
 * ({@code FooDispatcher} for {@code Foo}); a child JVM finds it through the index the processor
 * writes under {@value #INDEX_DIRECTORY} and calls the user's method directly, without
 * reflection.
 *
 * <p>Public only because generated code in the user's package implements it; not an API.
 */
public interface Dispatcher {

    /**
     * Where the processor writes one index entry per generated dispatcher: a resource named after
     * the dispatcher's binary name, listing its methods. A child refuses to load a class as a
     * dispatcher unless its entry is there.
     */
    String INDEX_DIRECTORY = "META-INF/multiprocessing4j/dispatchers/";

    /**
     * Calls method number {@code method} with {@code arguments}, already decoded to the
     * parameter types.
     *
     * @return the method's result, boxed; {@code null} for a {@code void} method
     * @throws Throwable whatever the method throws, unchanged
     */
    Object dispatch(int method, Object[] arguments) throws Throwable;
}
