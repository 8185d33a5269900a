package io.multiprocessing4j.internal;

/**
 * How a child ended, in Python's terms: {@code 0} on return, {@code N} after
 * {@code System.exit(N)}, {@code 1} after an uncaught exception, {@code -S} when killed by signal
 * {@code S}.
 *
 * <p>Java reports a death by signal {@code S} as exit value {@code 128 + S}, the same number a
 * child gets from {@code System.exit(128 + S)}. The child settles it: its shutdown hook tells the
 * parent that the JVM is shutting down in an orderly way and whether a termination signal
 * (TERM, INT, HUP) started it. An exit value above 128 without that message (a {@code SIGKILL},
 * a crash, a {@code Runtime.halt}) is read as a signal.
 */
public final class ExitStatus {

    private final int code;
    private final String lastWords;

    private ExitStatus(int code, String lastWords) {
        this.code = code;
        this.lastWords = lastWords;
    }

    /**
     * @param exitValue what {@code Process.exitValue()} returned
     * @param signalReported the signal the child said it is exiting for (or that the parent sent
     *     and the child did not get to report), or 0
     * @param orderlyShutdown whether the child said its JVM is shutting down normally
     * @param lastWords the child's last lines on standard error, for messages
     */
    public static ExitStatus of(int exitValue, int signalReported, boolean orderlyShutdown, String lastWords) {
        int code;
        if (signalReported > 0) {
            code = -signalReported;
        } else if (exitValue > 128 && exitValue < 128 + 65 && !orderlyShutdown) {
            code = -(exitValue - 128);
        } else {
            code = exitValue;
        }
        return new ExitStatus(code, lastWords);
    }

    /** Python's exit code. */
    public int code() {
        return code;
    }

    /** The child's last lines on standard error, possibly empty. */
    public String lastWords() {
        return lastWords;
    }

    /** "exit code 3" or "killed by signal 9 (SIGKILL)", for messages. */
    public String describe() {
        if (code >= 0) {
            return "exit code " + code;
        }
        return "killed by signal " + -code + signalName(-code);
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 1: return " (SIGHUP)";
            case 2: return " (SIGINT)";
            case 3: return " (SIGQUIT)";
            case 4: return " (SIGILL)";
            case 6: return " (SIGABRT: the JVM crashed or aborted)";
            case 7: return " (SIGBUS)";
            case 8: return " (SIGFPE)";
            case 9: return " (SIGKILL)";
            case 11: return " (SIGSEGV)";
            case 13: return " (SIGPIPE)";
            case 14: return " (SIGALRM)";
            case 15: return " (SIGTERM)";
            default: return "";
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
