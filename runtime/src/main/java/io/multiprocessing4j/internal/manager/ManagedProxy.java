package io.multiprocessing4j.internal.manager;

/**
 * Implemented by every generated {@code @Managed} proxy, so that the runtime recognises a proxy
 * sent as an argument (it travels as a handle to the same server object, not a copy) and reaches
 * its calls.
 *
 * <p>Public only because generated code in the user's package implements it; not an API.
 */
public interface ManagedProxy {

    /** The calls this proxy sends through: equal for two proxies of the same server object. */
    ManagedCalls managedCalls();
}
