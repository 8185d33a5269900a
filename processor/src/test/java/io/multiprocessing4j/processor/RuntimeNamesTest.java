package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Task;
import io.multiprocessing4j.internal.Dispatcher;
import io.multiprocessing4j.internal.manager.ManagedCalls;
import io.multiprocessing4j.internal.manager.ManagedDispatcher;
import io.multiprocessing4j.internal.manager.ManagedProxy;
import org.junit.jupiter.api.Test;

/** The processor names the runtime without depending on it; here, where the runtime is at hand, the names are checked. */
class RuntimeNamesTest {

    @Test
    void namesMatchTheRuntime() {
        assertThat(RuntimeNames.TASK.canonicalName()).isEqualTo(Task.class.getCanonicalName());
        assertThat(RuntimeNames.CHILD_PROCESS.canonicalName()).isEqualTo(ChildProcess.class.getCanonicalName());
        assertThat(RuntimeNames.DISPATCHER.canonicalName()).isEqualTo(Dispatcher.class.getCanonicalName());
        assertThat(RuntimeNames.INDEX_DIRECTORY).isEqualTo(Dispatcher.INDEX_DIRECTORY);
    }

    /**
     * The Manager's names that generated {@code FooManaged} classes use; that the generated code
     * compiles against them and behaves is {@link ManagedGoldenOutputTest}'s.
     */
    @Test
    void managedNamesMatchTheRuntime() {
        assertThat(RuntimeNames.MANAGED_CALLS.canonicalName()).isEqualTo(ManagedCalls.class.getCanonicalName());
        assertThat(RuntimeNames.MANAGED_PROXY.canonicalName()).isEqualTo(ManagedProxy.class.getCanonicalName());
        assertThat(RuntimeNames.MANAGED_DISPATCHER.canonicalName())
                .isEqualTo(ManagedDispatcher.class.getCanonicalName());
    }

    /** Every shared type the processor lets through exists in the runtime, under that name. */
    @Test
    void sharedTypesExistInTheRuntime() throws ClassNotFoundException {
        for (String name : RuntimeNames.SHARED_TYPES) {
            Class.forName(name, false, getClass().getClassLoader());
        }
    }
}
