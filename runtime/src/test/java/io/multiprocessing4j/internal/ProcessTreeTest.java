package io.multiprocessing4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ending a process keeps what it wrote readable: a child that printed its last words and exited
 * just before the parent ends it (a JVM refusing its options prints its error line and exits at
 * once) must still be quoted in the failure. {@code Process.destroy} on Unix closes the parent's
 * ends of the pipes and drops what the output pump had not read yet, which made the start
 * failure of such a child say nothing, now and then, under load.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessTreeTest {

    private static Process exitedAfterSaying(String words) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", "echo '" + words + "'; echo '" + words + "' >&2")
                .start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "sh did not exit");
        return process;
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void killingAProcessThatHasExitedLeavesItsOutputReadable() throws Exception {
        Process process = exitedAfterSaying("Too small maximum heap");
        ProcessTree.kill(process);
        assertEquals("Too small maximum heap", read(process.getInputStream()));
        assertEquals("Too small maximum heap", read(process.getErrorStream()));
    }

    @Test
    void terminatingAProcessThatHasExitedLeavesItsOutputReadable() throws Exception {
        Process process = exitedAfterSaying("last words");
        ProcessTree.terminate(process);
        assertEquals("last words", read(process.getInputStream()));
        assertEquals("last words", read(process.getErrorStream()));
    }

    @Test
    void killingALiveProcessEndsItAndItsOutputEndsToo() throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "echo started; exec sleep 600").start();
        assertEquals('s', process.getInputStream().read(), "sh did not start");
        ProcessTree.kill(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process outlived its kill");
        assertFalse(process.isAlive());
        assertEquals("tarted", read(process.getInputStream()), "the pipe did not reach its end");
        assertEquals(128 + 9, process.exitValue());
    }
}
