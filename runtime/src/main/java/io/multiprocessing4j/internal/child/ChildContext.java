package io.multiprocessing4j.internal.child;

import io.multiprocessing4j.ProcessInfo;

/**
 * Who this JVM is, when it is a child: set once by {@link ChildMain} before any user code runs,
 * read by {@code Multiprocessing.currentProcess()} and {@code parentProcess()}.
 */
public final class ChildContext {

    private static volatile ProcessInfo self;
    private static volatile ProcessInfo parent;

    private ChildContext() {}

    /** This child, or {@code null} in a JVM that multiprocessing4j did not start. */
    public static ProcessInfo self() {
        return self;
    }

    /** This child's parent, or {@code null} in a JVM that multiprocessing4j did not start. */
    public static ProcessInfo parent() {
        return parent;
    }

    static void set(ProcessInfo self, ProcessInfo parent) {
        ChildContext.self = self;
        ChildContext.parent = parent;
    }
}
