package io.multiprocessing4j.internal.shm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which program directories count as left behind, and that sweeping removes exactly those. */
class ProgramDirectoryTest {

    @Test
    void thisProgramIsRunningAndADeadOneIsNot() throws Exception {
        assertTrue(ProgramDirectory.isRunning(ProgramDirectory.id()));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        assertFalse(ProgramDirectory.isRunning(dead.pid() + "-1-0123456789abcdef"));
    }

    @Test
    void aRunningPidWithAnotherStartTimeIsARecycledPid() {
        long self = ProcessHandle.current().pid();
        assertFalse(ProgramDirectory.isRunning(self + "-12345-0123456789abcdef"));
    }

    @Test
    void sweepingRemovesDeadProgramsOnlyAndLeavesOtherFilesAlone(@TempDir Path base) throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path deadProgram = Files.createDirectory(base.resolve("mp4j-" + dead.pid() + "-1-0123456789abcdef"));
        Files.createFile(deadProgram.resolve("lock-1-1"));
        Path liveProgram = Files.createDirectory(base.resolve("mp4j-" + ProgramDirectory.id().replaceFirst(
                "[0-9a-f]{16}$", "fedcba9876543210")));
        Path stranger = Files.createDirectory(base.resolve("mp4j-not-a-program"));
        Path unrelated = Files.createFile(base.resolve("unrelated"));

        ProgramDirectory.sweepDeadPrograms(base);

        assertFalse(Files.exists(deadProgram));
        assertTrue(Files.exists(liveProgram));
        assertTrue(Files.exists(stranger));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void idsHaveOneShape() {
        assertTrue(ProgramDirectory.isWellFormedId(ProgramDirectory.id()));
        assertFalse(ProgramDirectory.isWellFormedId("../x"));
        assertFalse(ProgramDirectory.isWellFormedId("1-2-3"));
    }
}
