package io.multiprocessing4j.internal.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A process's resident memory, read by the parent from {@code /proc/<pid>/status} ({@code VmRSS},
 * in kB: the unit is in the file, unlike {@code statm}'s pages, whose size the JDK does not say).
 *
 * <p>The parent reads it, not the worker: the parent is the one that decides to recycle, so no
 * message has to carry the figure (the wire does not change, and a worker pays nothing); and the
 * figure is the operating system's, whatever the task did to the worker's own threads. A read
 * costs a small file read (tens of microseconds), done on the worker's reader thread after each
 * results frame, and only when a pool has {@code maxMemoryPerChild}.
 */
final class ResidentMemory {

    private ResidentMemory() {}

    /** Whether this system has {@code /proc}: {@code maxMemoryPerChild} needs it. */
    static boolean supported() {
        return of(ProcessHandle.current().pid()) >= 0;
    }

    /** The resident memory of process {@code pid} in bytes, or -1 if it cannot be read (gone, or no {@code /proc}). */
    static long of(long pid) {
        Path status = Paths.get("/proc", Long.toString(pid), "status");
        byte[] text;
        try {
            text = Files.readAllBytes(status);
        } catch (IOException | SecurityException e) {
            return -1;
        }
        return parseVmRss(new String(text, StandardCharsets.ISO_8859_1));
    }

    /** The {@code VmRSS:} line of a {@code status} file in bytes, or -1 if there is none. */
    static long parseVmRss(String status) {
        int at = status.indexOf("VmRSS:");
        if (at < 0) {
            return -1;
        }
        long kb = 0;
        boolean digits = false;
        for (int i = at + 6; i < status.length(); i++) {
            char c = status.charAt(i);
            if (c >= '0' && c <= '9') {
                kb = kb * 10 + (c - '0');
                digits = true;
            } else if (digits || c == '\n') {
                break;
            }
        }
        return digits ? kb * 1024 : -1;
    }

    /** Bytes in MiB, for messages: "212 MiB". */
    static String describe(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
