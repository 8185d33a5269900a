package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Python's {@code imap} swallows its whole input before the first result (bpo-40110). Ours keeps a
 * bounded window: a million tasks run through it in a 24 MB heap, where the tasks alone, held at
 * once, would need several times that.
 */
class BoundedImapTest {

    @Test
    @Timeout(120)
    void aMillionTasksThroughImapFitInASmallHeap() throws Exception {
        Process parent = Jvms.start(ImapHeapMain.class, "-Xmx24m", "-XX:+ExitOnOutOfMemoryError");
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, parent.waitFor(), "the parent failed; it printed: " + out);
        assertEquals("1000000", out);
    }
}
