package io.multiprocessing4j.internal.manager;

// Test-source copy of the runtime SPI (contract: /work/briefs/managed-contract.md), standing in
// until branch `manager` lands the real interface in the runtime; removed then.

/** Implemented by every generated proxy, so the runtime can recognise a proxy when it is sent
 *  as an argument (it travels as a handle) and reach its calls. */
public interface ManagedProxy {
    ManagedCalls managedCalls();
}
