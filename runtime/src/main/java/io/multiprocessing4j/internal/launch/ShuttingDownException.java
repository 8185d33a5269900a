package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.ProcessStartException;

/**
 * A child was not launched, or was stopped while it booted, because this JVM is shutting down.
 * {@link ChildJvm#spawn} and {@link ChildJvm.Spawned#await} throw it; nothing is left running and
 * nothing has been printed. A caller that replaces children (the pool) recognises it by its type
 * and stops replacing, quietly: the JVM is exiting. To a user it is an ordinary
 * {@link ProcessStartException} whose message says why.
 */
public final class ShuttingDownException extends ProcessStartException {
    private static final long serialVersionUID = 1L;

    ShuttingDownException(String name, String what) {
        super(name + " " + what + ": this JVM is shutting down, and multiprocessing4j starts no child"
                + " JVM during shutdown", null);
    }
}
