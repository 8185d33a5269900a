package io.multiprocessing4j.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.internal.shm.ProgramDirectory;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The child's command line: who it is (for {@code ps}) first, then the defaults, then the user's
 * options, which a default never contradicts.
 */
class JvmCommandTest {

    private static List<String> build(String... userOptions) {
        return JvmCommand.build("PoolWorker-3", 1234, Paths.get("/tmp/cp.args"),
                List.of("-Xshare:auto", "-XX:SharedArchiveFile=/c/a.jsa"), List.of(userOptions));
    }

    @Test
    void defaultsComeFirstAndTheMainClassLast() {
        List<String> command = build("-Dx=1");
        assertTrue(command.get(0).endsWith("java"), command.toString());
        assertEquals("-Dmultiprocessing4j.name=PoolWorker-3", command.get(1));
        assertEquals("-Dmultiprocessing4j.parentPid=1234", command.get(2));
        assertEquals("@/tmp/cp.args", command.get(3));
        assertTrue(command.containsAll(List.of("-XX:-UsePerfData", "-Xshare:auto", "-XX:+UseSerialGC", "-Xms32m",
                "-XX:SharedArchiveFile=/c/a.jsa")), command.toString());
        assertEquals("-Dx=1", command.get(command.size() - 4));
        assertEquals(ProgramDirectory.childOptions(), command.subList(command.size() - 3, command.size() - 1));
        assertEquals(JvmCommand.CHILD_MAIN, command.get(command.size() - 1));
    }

    @Test
    void theChildBelongsToThisProgramWhateverTheUserSays() {
        List<String> command = build("-D" + ProgramDirectory.PROPERTY + "=1-2-0123456789abcdef");
        assertEquals("-D" + ProgramDirectory.PROPERTY + "=" + ProgramDirectory.id(), command.get(command.size() - 2));
    }

    @Test
    void aCollectorOfTheUsersReplacesTheSerialOne() {
        List<String> command = build("-XX:+UseG1GC");
        assertFalse(command.contains("-XX:+UseSerialGC"), command.toString());
        assertTrue(command.contains("-XX:+UseG1GC"));
    }

    @Test
    void aHeapSizeOfTheUsersReplacesTheInitialOne() {
        for (String sizing : new String[] {"-Xmx16m", "-Xms8m", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=50"}) {
            assertFalse(build(sizing).contains("-Xms32m"), sizing);
        }
    }

    @Test
    void aNameIsShownAsItIsExceptForControlCharactersAndExcessLength() {
        assertEquals("worker 1 (ü)", JvmCommand.printable("worker 1 (ü)"));
        assertEquals("a?b?c?", JvmCommand.printable("a\nb\u0000c\u007f"));
        assertEquals(200, JvmCommand.printable("x".repeat(10_000)).length());
        assertEquals("", JvmCommand.printable(""));
    }
}
