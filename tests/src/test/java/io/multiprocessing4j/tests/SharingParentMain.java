package io.multiprocessing4j.tests;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Manager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A parent JVM for the class-data sharing test: runs three children one after the other and
 * prints each exit code, then whether the last child, while it ran, had a class-data archive from
 * the cache directory ({@code $XDG_CACHE_HOME}) mapped, as {@code /proc/PID/maps} shows. Started from a jar, with a cache
 * directory of the test's own. After the first child, it waits until the archive is in the cache
 * directory: on JDK 25 an AOT cache is assembled in the background once that child has recorded
 * what it loaded, and only children launched after that can map it.
 *
 * <p>With the argument {@code short}, it is a short program instead: one child, whose exit code
 * and mapping it prints, and it ends as soon as that child has, waiting for nothing else.
 *
 * <p>With the argument {@code manager}, its only child is instead a manager's server, started,
 * used once and closed; it then prints {@code archive=} and whether an archive appeared in the
 * cache directory within a minute.
 */
public final class SharingParentMain {

    private SharingParentMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0 && args[0].equals("short")) {
            ChildProcess child = new ChildProcess(PoolJobsTasks.sleepThenSquare(500, 0)).start();
            boolean mapped = mapsArchive(child);
            child.join();
            System.out.println(child.exitCode().orElse(-999) + " mapped=" + mapped);
            return;
        }
        if (args.length > 0 && args[0].equals("manager")) {
            try (Manager manager = Manager.start()) {
                manager.dict().put("key", 1);
            }
            System.out.println("archive=" + awaitArchive(cacheDirectory()));
            return;
        }
        StringBuilder codes = new StringBuilder();
        boolean mapped = false;
        for (int i = 0; i < 3; i++) {
            ChildProcess child = new ChildProcess(PoolJobsTasks.sleepThenSquare(i == 2 ? 1000 : 0, i)).start();
            if (i == 2) {
                mapped = mapsArchive(child);
            }
            child.join();
            codes.append(child.exitCode().orElse(-999)).append(' ');
            if (i == 0) {
                awaitArchive(cacheDirectory());
            }
        }
        System.out.println(codes.toString().strip() + " mapped=" + mapped);
    }

    /** Whether {@code child} maps an archive of the cache directory (the JDK's own archive is a .jsa too). */
    private static boolean mapsArchive(ChildProcess child) throws IOException {
        String cache = System.getenv("XDG_CACHE_HOME");
        return Files.readString(Paths.get("/proc", Long.toString(child.pid()), "maps")).contains(cache);
    }

    private static Path cacheDirectory() {
        return Paths.get(System.getenv("XDG_CACHE_HOME"), "multiprocessing4j", "cds");
    }

    /** Waits at most 60 s for an archive (not a temporary file) in {@code directory}; whether one came. */
    private static boolean awaitArchive(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot"))) {
                        return true;
                    }
                }
            }
            Thread.sleep(20); // polling a directory: the assembly runs in a JVM of the parent's own
        }
        return false;
    }
}
