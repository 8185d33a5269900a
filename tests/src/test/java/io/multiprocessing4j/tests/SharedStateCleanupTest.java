package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No segment or file outlives a program that shared state, or used a pool: after a normal exit
 * nothing is left in the shared-memory directory, the temp directory or JNA's cache; after {@code kill -9} the next
 * program that shares state removes what the killed one left.
 */
@Timeout(120)
class SharedStateCleanupTest {

    @Test
    void aProgramThatExitsLeavesNothing(@TempDir Path root) throws Exception {
        Places places = Places.under(root);
        Process program = places.start("exit");
        Path directory = Paths.get(readUntilReady(program).get(0));
        assertTrue(directory.startsWith(places.shm), directory + " is where the program was told to share");
        assertTrue(program.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, program.exitValue());
        places.assertEmpty();
    }

    /**
     * A program that only uses a pool makes no segment itself, but its workers keep their results
     * logs in the program's directory, which a worker creates: the parent still removes it.
     */
    @Test
    void aPoolProgramThatExitsLeavesNothing(@TempDir Path root) throws Exception {
        Places places = Places.under(root);
        Process program = places.start(PoolProgramMain.class, "exit");
        Path directory = Paths.get(readUntilReady(program).get(0));
        assertTrue(directory.startsWith(places.shm), directory + " is where the program was told to share");
        assertTrue(program.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, program.exitValue());
        places.assertEmpty();
    }

    @Test
    void whatAKilledProgramLeftIsRemovedByTheNextProgramThatShares(@TempDir Path root) throws Exception {
        Places places = Places.under(root);
        Process killed = places.start("hang");
        Path directory = Paths.get(readUntilReady(killed).get(0));
        List<Long> family = new ArrayList<>();
        family.add(killed.pid());
        killed.descendants().forEach(p -> family.add(p.pid()));
        assertTrue(Files.list(directory).anyMatch(f -> f.getFileName().toString().startsWith("lock-")),
                "the program's segments are there while it runs");
        killed.destroyForcibly();
        Jvms.awaitGone(family, Duration.ofSeconds(30));
        assertTrue(Files.isDirectory(directory), "nobody removed the killed program's directory yet");

        Process next = places.start("exit");
        Path nextDirectory = Paths.get(readUntilReady(next).get(0));
        assertTrue(next.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, next.exitValue());
        assertTrue(!Files.exists(directory), "the next program removed " + directory);
        assertTrue(!Files.exists(nextDirectory));
        // The killed parent's argument files for its children are the launcher's, not shared
        // state's; what shared state leaves is checked here, in every place.
        places.assertEmptyBut(".args");
    }

    private static List<String> readUntilReady(Process program) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("ready")) {
                return lines;
            }
            lines.add(line);
        }
        throw new IOException("the program ended before it was ready; it printed " + lines);
    }

    /** The directories a program may leave files in, each its own for the test. */
    private record Places(Path shm, Path tmp, Path cache) {
        static Places under(Path root) throws IOException {
            return new Places(Files.createDirectory(root.resolve("shm")), Files.createDirectory(root.resolve("tmp")),
                    Files.createDirectory(root.resolve("cache")));
        }

        Process start(String mode) throws IOException {
            return start(SharingProgramMain.class, mode);
        }

        Process start(Class<?> main, String mode) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Dmultiprocessing4j.shmDir=" + shm);
            command.add("-Djava.io.tmpdir=" + tmp);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(main.getName());
            command.add(mode);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            // where JNA would unpack its library by default (and leave its directory)
            builder.environment().put("XDG_CACHE_HOME", cache.toString());
            return builder.start();
        }

        void assertEmpty() throws IOException {
            assertEmptyBut(null);
        }

        void assertEmptyBut(String launcherSuffix) throws IOException {
            for (Path place : List.of(shm, tmp, cache)) {
                try (Stream<Path> files = Files.walk(place)) {
                    List<Path> left = files.filter(f -> !f.equals(place))
                            .filter(f -> launcherSuffix == null || !f.toString().endsWith(launcherSuffix))
                            .collect(Collectors.toList());
                    assertEquals(List.of(), left, "left behind in " + place);
                }
            }
        }
    }
}
