package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/** CPU time of another process, and of one of its threads, from {@code /proc}. */
final class Cpu {

    /** Clock ticks per second of {@code /proc/.../stat}: 100 on every Linux that Java runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private Cpu() {}

    /**
     * Asserts that process {@code pid}, and its thread {@code tid}, use at most 3% of a core over
     * {@code window}, as {@code /proc/<pid>/stat} counts (user + system time).
     */
    static void assertIdle(long pid, long tid, Duration window) throws IOException, InterruptedException {
        // The process's first moments load JNA, warm up its locks for the JIT and compile: a
        // one-time start-up cost, not the wait's. What is judged is the wait itself, so the first
        // two seconds are measured and shown, not judged.
        measure(pid, tid, Duration.ofSeconds(2), false);
        measure(pid, tid, window, true);
    }

    private static void measure(long pid, long tid, Duration window, boolean judge) throws IOException, InterruptedException {
        Path process = Paths.get("/proc", Long.toString(pid), "stat");
        Path thread = Paths.get("/proc", Long.toString(pid), "task", Long.toString(tid), "stat");
        long processBefore = ticks(process);
        long threadBefore = ticks(thread);
        long start = System.nanoTime();
        Thread.sleep(window.toMillis()); // the measurement window itself, not a wait for a condition
        double seconds = (System.nanoTime() - start) / 1e9;
        double processShare = (ticks(process) - processBefore) / TICKS_PER_SECOND / seconds;
        double threadShare = (ticks(thread) - threadBefore) / TICKS_PER_SECOND / seconds;
        System.out.printf("blocked waiter: process %.2f%% of a core, waiting thread %.2f%% over %.1f s%n",
                processShare * 100, threadShare * 100, seconds);
        if (!judge) {
            return;
        }
        assertTrue(threadShare <= 0.03, "the waiting thread used " + threadShare * 100 + "% of a core");
        assertTrue(processShare <= 0.03, "the waiting process used " + processShare * 100 + "% of a core");
    }

    /** The calling thread's id in the kernel, from {@code /proc/thread-self}. */
    static long currentThreadId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether thread {@code tid} of process {@code pid} is asleep (state S). */
    static boolean isSleeping(long pid, long tid) {
        try {
            String line = Files.readString(Paths.get("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
            return line.charAt(line.lastIndexOf(')') + 2) == 'S';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether thread {@code tid} of process {@code pid} is asleep in the kernel on a word of a
     * shared object's memory: in a {@code futex} call whose address lies in a mapping of a
     * segment of the program's directory whose name starts with {@code segmentKind} (for example
     * {@code "event"}, {@code "cond"}). Stricter than {@link #isSleeping}, which a thread also is
     * while it waits for a safepoint or a class loader's lock on its way to the wait.
     */
    static boolean isAsleepOnShared(long pid, long tid, String segmentKind) {
        Path task = Paths.get("/proc", Long.toString(pid), "task", Long.toString(tid));
        try {
            String[] syscall = Files.readString(task.resolve("syscall")).trim().split(" ");
            if (syscall.length < 2 || !syscall[0].equals(Long.toString(futexSyscallNumber()))) {
                return false;
            }
            long address = Long.parseUnsignedLong(syscall[1].substring(2), 16);
            for (String mapping : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "maps"))) {
                String[] fields = mapping.trim().split("\\s+");
                if (fields.length < 6 || !fields[5].contains("/mp4j-")
                        || !Paths.get(fields[5]).getFileName().toString().startsWith(segmentKind + "-")) {
                    continue;
                }
                String[] range = fields[0].split("-");
                if (Long.compareUnsigned(address, Long.parseUnsignedLong(range[0], 16)) >= 0
                        && Long.compareUnsigned(address, Long.parseUnsignedLong(range[1], 16)) < 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not in a system call now
        }
    }

    private static long futexSyscallNumber() {
        return System.getProperty("os.arch").equals("aarch64") ? 98 : 202;
    }

    /** utime + stime, fields 14 and 15 of a stat line, counted after the command's closing parenthesis. */
    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
