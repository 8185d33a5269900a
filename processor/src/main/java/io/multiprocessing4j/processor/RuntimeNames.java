package io.multiprocessing4j.processor;

import com.palantir.javapoet.ClassName;
import java.util.Set;

/**
 * Every name of the runtime that the processor or its generated code refers to, in one place.
 *
 * <p>The processor must not depend on the runtime at compile scope: it runs inside javac, where
 * the runtime's classes are on the user's classpath but not on the processor path. So the names
 * are written out here as strings, and a test compiles generated code against the real runtime
 * to catch any drift.
 */
final class RuntimeNames {

    static final String PACKAGE = "io.multiprocessing4j";

    /** {@code io.multiprocessing4j.Task}: what a {@code *Tasks} factory returns. */
    static final ClassName TASK = ClassName.get(PACKAGE, "Task");

    /** {@code io.multiprocessing4j.ChildProcess}: what a {@code *Workers} factory returns. */
    static final ClassName CHILD_PROCESS = ClassName.get(PACKAGE, "ChildProcess");

    /** {@code io.multiprocessing4j.internal.Dispatcher}: what every generated dispatcher implements. */
    static final ClassName DISPATCHER = ClassName.get(PACKAGE + ".internal", "Dispatcher");

    /** The value of {@code Dispatcher.INDEX_DIRECTORY}: where the index entries go. */
    static final String INDEX_DIRECTORY = "META-INF/multiprocessing4j/dispatchers/";

    /** The package of the Manager's internals, where the types generated code for {@code @Managed} uses live. */
    static final String MANAGER_PACKAGE = PACKAGE + ".internal.manager";

    /** {@code ManagedCalls}: what a generated proxy sends its calls through. */
    static final ClassName MANAGED_CALLS = ClassName.get(MANAGER_PACKAGE, "ManagedCalls");

    /** {@code ManagedProxy}: what every generated proxy implements besides its interface. */
    static final ClassName MANAGED_PROXY = ClassName.get(MANAGER_PACKAGE, "ManagedProxy");

    /** {@code ManagedDispatcher}: what every {@code FooManaged.DISPATCHER} is. */
    static final ClassName MANAGED_DISPATCHER = ClassName.get(MANAGER_PACKAGE, "ManagedDispatcher");

    /** The name of the static field of {@code FooManaged} that the runtime reads. */
    static final String MANAGED_DISPATCHER_FIELD = "DISPATCHER";

    /**
     * Where the index entries of the {@code FooManaged} classes go: the Manager's server loads a
     * class as a managed dispatcher only if its entry exists.
     */
    static final String MANAGED_INDEX_DIRECTORY = "META-INF/multiprocessing4j/managed/";

    /**
     * The runtime's shared objects and channels. They arrive in the child as handles to the same
     * object, not as copies, so they are carriable whatever their Java supertypes are; their type
     * arguments, if any, must still be carriable.
     */
    static final Set<String> SHARED_TYPES = Set.of(
            PACKAGE + ".SharedLock",
            PACKAGE + ".SharedRLock",
            PACKAGE + ".SharedSemaphore",
            PACKAGE + ".SharedEvent",
            PACKAGE + ".SharedCondition",
            PACKAGE + ".SharedBarrier",
            PACKAGE + ".SharedInt",
            PACKAGE + ".SharedLong",
            PACKAGE + ".SharedDouble",
            PACKAGE + ".SharedIntArray",
            PACKAGE + ".SharedLongArray",
            PACKAGE + ".SharedDoubleArray",
            PACKAGE + ".SharedMemory",
            PACKAGE + ".SharedQueue",
            PACKAGE + ".Pipe",
            PACKAGE + ".Connection",
            PACKAGE + ".Manager");

    private RuntimeNames() {}
}
