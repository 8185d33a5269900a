package io.multiprocessing4j.internal.manager;

// Test-source copy of the runtime SPI (contract: /work/briefs/managed-contract.md), standing in
// until branch `manager` lands the real interface in the runtime; removed then.

/** Server side: generated per @Managed interface; calls the implementation without reflection. */
public interface ManagedDispatcher {
    /** The @Managed interface this dispatcher serves. */
    Class<?> type();
    /** Calls method number {@code method} on {@code target} (an instance of type()) with
     *  {@code arguments} already decoded; returns the result boxed (null for void); throws
     *  whatever the method throws, unchanged. */
    Object invoke(Object target, int method, Object[] arguments) throws Throwable;
    /** Makes a client-side proxy of type() over {@code calls}. */
    Object proxy(ManagedCalls calls);
}
