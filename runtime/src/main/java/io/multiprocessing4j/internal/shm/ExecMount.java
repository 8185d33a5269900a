package io.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Whether a directory's file system lets a process load a library from it: not when it is
 * mounted {@code noexec}, as {@code /dev/shm} is in many containers. Read from
 * {@code /proc/self/mounts}: the longest mount point that contains the directory decides.
 */
final class ExecMount {

    private ExecMount() {}

    static boolean allowsExec(Path directory) {
        List<String> mounts;
        try {
            mounts = Files.readAllLines(Paths.get("/proc/self/mounts"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            return false;
        }
        String best = null;
        boolean exec = false;
        for (String line : mounts) {
            String[] fields = line.split(" ");
            if (fields.length < 4) {
                continue;
            }
            String point = fields[1].replace("\\040", " ");
            if (real.startsWith(Paths.get(point)) && (best == null || point.length() >= best.length())) {
                best = point;
                exec = !List.of(fields[3].split(",")).contains("noexec");
            }
        }
        return best != null && exec;
    }
}
