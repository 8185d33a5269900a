package io.multiprocessing4j.tests;

import io.multiprocessing4j.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A parent JVM for the class-data sharing test: runs three children one after the other and
 * prints each exit code, then whether the last child, while it ran, had a class-data archive from
 * the cache directory ({@code $XDG_CACHE_HOME}) mapped, as {@code /proc/PID/maps} shows. Started from a jar, with a cache
 * directory of the test's own.
 */
public final class SharingParentMain {

    private SharingParentMain() {}

    public static void main(String[] args) throws IOException {
        StringBuilder codes = new StringBuilder();
        boolean mapped = false;
        for (int i = 0; i < 3; i++) {
            ChildProcess child = new ChildProcess(PoolJobsTasks.sleepThenSquare(i == 2 ? 1000 : 0, i)).start();
            if (i == 2) {
                // the JDK's own archive is a .jsa too: look for one from the cache directory
                String cache = System.getenv("XDG_CACHE_HOME");
                mapped = Files.readString(Paths.get("/proc", Long.toString(child.pid()), "maps")).contains(cache);
            }
            child.join();
            codes.append(child.exitCode().orElse(-999)).append(' ');
        }
        System.out.println(codes.toString().strip() + " mapped=" + mapped);
    }
}
