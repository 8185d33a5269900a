package io.multiprocessing4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    private static int code(int exitValue, int signalReported, boolean orderlyShutdown) {
        return ExitStatus.of(exitValue, signalReported, orderlyShutdown, "").code();
    }

    @Test
    void ordinaryExitCodesAreKept() {
        assertEquals(0, code(0, 0, true));
        assertEquals(0, code(0, 0, false));
        assertEquals(1, code(1, 0, true));
        assertEquals(3, code(3, 0, true));
        assertEquals(3, code(3, 0, false));
        assertEquals(128, code(128, 0, false));
        assertEquals(255, code(255, 0, false));
    }

    @Test
    void aHighExitCodeAfterAnOrderlyShutdownIsTheChildsOwnChoice() {
        assertEquals(200, code(200, 0, true));
        assertEquals(200, code(200, 0, false));
        assertEquals(137, code(137, 0, true)); // System.exit(137)
        assertEquals(143, code(143, 0, true));
    }

    @Test
    void aHighExitCodeWithoutAnOrderlyShutdownIsASignal() {
        assertEquals(-9, code(137, 0, false));
        assertEquals(-15, code(143, 0, false));
        assertEquals(-6, code(134, 0, false));
        assertEquals(-11, code(139, 0, false));
        assertEquals(-1, code(129, 0, false));
        assertEquals(-64, code(192, 0, false));
        assertEquals(193, code(193, 0, false));
    }

    @Test
    void aReportedSignalWins() {
        assertEquals(-15, code(143, 15, true));
        assertEquals(-15, code(0, 15, true));
        assertEquals(-2, code(130, 2, true));
        assertEquals(-9, code(137, 9, false));
        assertEquals(-1, code(1, 1, false));
    }

    @Test
    void describe() {
        assertEquals("exit code 0", ExitStatus.of(0, 0, true, "").describe());
        assertEquals("exit code 3", ExitStatus.of(3, 0, true, "").describe());
        assertEquals("exit code 200", ExitStatus.of(200, 0, true, "").describe());
        assertEquals("killed by signal 9 (SIGKILL)", ExitStatus.of(137, 0, false, "").describe());
        assertEquals("killed by signal 15 (SIGTERM)", ExitStatus.of(0, 15, true, "").describe());
        assertEquals("killed by signal 6 (SIGABRT: the JVM crashed or aborted)",
                ExitStatus.of(134, 0, false, "").describe());
        assertEquals("killed by signal 2 (SIGINT)", ExitStatus.of(130, 2, true, "").describe());
        assertEquals("killed by signal 40", ExitStatus.of(168, 0, false, "").describe());
        assertEquals("killed by signal 9 (SIGKILL)", ExitStatus.of(137, 0, false, "").toString());
    }

    @Test
    void lastWords() {
        assertEquals("Exception in thread \"main\"", ExitStatus.of(1, 0, true, "Exception in thread \"main\"").lastWords());
        assertEquals("", ExitStatus.of(1, 0, true, "").lastWords());
    }
}
