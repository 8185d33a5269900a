package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A user class whose static initializer leaves a mark: a file named after the pid of the JVM that
 * ran it, in the directory the system property {@value #MARKS} names. Shows which JVMs ran this
 * user code, which a spare JVM must not do before it is handed a task.
 */
public class InitializedOnce {

    static final String MARKS = "warm.test.marks";

    static {
        String marks = System.getProperty(MARKS);
        if (marks != null) {
            try {
                Files.createFile(Paths.get(marks, Long.toString(ProcessHandle.current().pid())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Does nothing but have its class initialized. */
    @Worker
    static void run() {
        // the static initializer is the point
    }
}
