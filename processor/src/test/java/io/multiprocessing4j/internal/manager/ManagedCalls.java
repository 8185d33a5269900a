package io.multiprocessing4j.internal.manager;

// Test-source copy of the runtime SPI (contract: /work/briefs/managed-contract.md), standing in
// until branch `manager` lands the real interface in the runtime; removed then.

/** What a generated proxy calls through; the runtime implements it (one per proxied object). */
public interface ManagedCalls {
    /** Sends call number {@code method} ({@code methodName} = "Type.method", for messages)
     *  with {@code arguments} (boxed, parameter order) to the server and returns its result
     *  (boxed; null for void); throws what the runtime throws (RemoteException for the
     *  implementation's exception, an unchecked "manager gone" exception, ...). */
    Object call(int method, String methodName, Object[] arguments);
}
