package io.multiprocessing4j.tests;

import io.multiprocessing4j.ChildProcess;

/**
 * The main class of a parent JVM that {@link ParentDeathTest} starts: it starts one child, prints
 * the child's pid, then, depending on its argument:
 *
 * <ul>
 *   <li>{@code wait}: waits for the child, which sleeps for minutes, until the test kills this JVM;
 *   <li>{@code wait-stuck-hook}: the same, with a child whose shutdown hook never finishes;
 *   <li>{@code daemon}: returns from main while its daemon child sleeps for minutes, once the
 *       test closes this JVM's standard input (so that the test can look at the child before
 *       the exit terminates it);
 *   <li>{@code non-daemon}: returns from main while its non-daemon child sleeps for a moment and
 *       then prints {@value #CHILD_FINISHED}.
 * </ul>
 */
public final class OrphaningParent {

    static final String CHILD_PID = "child-pid ";
    static final String MAIN_RETURNS = "main returns";
    static final String CHILD_FINISHED = "child finished";
    /** How long the non-daemon child outlives main. */
    static final long NON_DAEMON_MILLIS = 2000;
    private static final long FOREVER_MILLIS = 300_000;

    private OrphaningParent() {}

    public static void main(String[] args) {
        String mode = args[0];
        ChildProcess child;
        switch (mode) {
            case "wait":
                child = LifecycleWorkers.sleepThenSay(FOREVER_MILLIS, CHILD_FINISHED);
                break;
            case "wait-stuck-hook":
                child = LifecycleWorkers.sleepWithStuckShutdownHook(FOREVER_MILLIS);
                break;
            case "daemon":
                child = LifecycleWorkers.sleepThenSay(FOREVER_MILLIS, CHILD_FINISHED).daemon(true);
                break;
            case "non-daemon":
                child = LifecycleWorkers.sleepThenSay(NON_DAEMON_MILLIS, CHILD_FINISHED).daemon(false);
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
        child.start();
        System.out.println(CHILD_PID + child.pid());
        System.out.flush();
        if (mode.startsWith("wait")) {
            child.join();
        } else if (mode.equals("daemon")) {
            awaitEndOfInput();
        }
        System.out.println(MAIN_RETURNS);
        System.out.flush();
    }

    /** Reads standard input to its end: the test's go-ahead. */
    private static void awaitEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // nothing is expected but the end
            }
        } catch (java.io.IOException e) {
            // a broken pipe is an end too
        }
    }
}
