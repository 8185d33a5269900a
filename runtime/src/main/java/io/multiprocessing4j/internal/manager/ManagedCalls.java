package io.multiprocessing4j.internal.manager;

/**
 * What a generated {@code @Managed} proxy calls through: the runtime implements it, one instance
 * per proxied object on a manager's server.
 *
 * <p>Public only because generated code in the user's package calls it; not an API.
 */
public interface ManagedCalls {

    /**
     * Sends call number {@code method} with {@code arguments} to the server's object and returns
     * its result.
     *
     * @param method the method's number in the generated dispatcher's order
     * @param methodName {@code "Type.method"}, for messages only
     * @param arguments the arguments, boxed, in parameter order
     * @return the method's result, boxed; {@code null} for a {@code void} method
     * @throws io.multiprocessing4j.RemoteException if the implementation threw (its class, message
     *     and stack trace as text), or an unchecked exception of {@code io.multiprocessing4j} if
     *     the manager is gone or an argument or the result cannot be carried
     */
    Object call(int method, String methodName, Object[] arguments);
}
