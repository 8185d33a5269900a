package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.PoolTask;

/** Pool tasks that write on the worker's standard output or error. */
public final class OutputJobs {

    private OutputJobs() {}

    /** Prints {@code text} as it is (no newline added) on stdout, or stderr, and flushes it. */
    @PoolTask
    static int print(String text, boolean toStderr) {
        java.io.PrintStream out = toStderr ? System.err : System.out;
        out.print(text);
        out.flush();
        return text.length();
    }

    /** As an initializer: says what is wrong on stderr, as a failing program does, and exits. */
    @PoolTask
    static void complainAndExit(String complaint, int code) {
        System.err.println("config error: " + complaint);
        System.err.flush();
        System.exit(code);
    }
}
