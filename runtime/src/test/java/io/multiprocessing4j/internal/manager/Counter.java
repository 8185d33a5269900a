package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.annotations.Managed;
import java.io.IOException;

/** A user's @Managed type, for the tests of the runtime's side of the contract. */
@Managed
public interface Counter {
    int add(int delta);

    String describe(String prefix);

    void fail(String message) throws IOException;

    /** A default method runs in the client, over the proxied ones. */
    default int twice(int delta) {
        add(delta);
        return add(delta);
    }
}
