package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.internal.launch.Spares;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the end-to-end tests share: waiting with a deadline, capturing output, cleaning up. */
final class Support {

    private Support() {}

    /**
     * Polls {@code condition} until it holds, failing with {@code what} (and what {@code state}
     * says at that moment) after {@code timeout}. For conditions the API offers nothing to wait on.
     */
    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + timeout.toMillis() + " ms: " + what + "; " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        awaitTrue(what, timeout, condition, () -> "");
    }

    /**
     * Waits until the OS process {@code pid} has exited, failing after {@code timeout}. Works for
     * any process, not only this JVM's children. Polls every few milliseconds, because
     * {@code ProcessHandle.onExit()} of a process that is not this JVM's child polls only every
     * few hundred, too coarse to measure a deadline of seconds.
     */
    static void awaitGone(long pid, Duration timeout) {
        awaitTrue("process " + pid + " has exited", timeout, () -> hasExited(pid),
                () -> "it is " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("gone now"));
    }

    /**
     * Whether {@code pid} runs no more: none of its threads runs, and so its files are closed
     * (the locks it held, such as a shared-state lease, are free). A zombie that is the only
     * thread left has exited: it only waits for its parent to collect its exit status. An
     * orphan's parent is init, and the init of some containers and sandboxes reaps only every
     * second or so, while {@code ProcessHandle} still shows its zombies. But {@code /proc/<pid>/stat}
     * is the main thread's: after {@code kill -9} of a JVM it often shows {@code Z} while the
     * JVM's other threads are still exiting and its files still open (measured: 5 kills in 10,
     * the killed JVM's file lock still held), so a zombie with other threads has not exited yet.
     */
    static boolean hasExited(long pid) {
        if (ProcessHandle.of(pid).isEmpty()) {
            return true;
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            if (afterName <= 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z') {
                return false;
            }
            String[] fields = stat.substring(afterName + 2).split(" ");
            return Integer.parseInt(fields[17]) <= 1; // num_threads, counted from the state
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).isEmpty(); // no /proc here, or it went meanwhile
        }
    }

    /**
     * This JVM's children that are running and are not spare JVMs of warm start, once the spares
     * that replace children that ended are up (so that none appears later).
     */
    static Set<Long> nonSpareChildren() {
        try {
            if (Spares.awaitSettled(TimeUnit.SECONDS.toNanos(60)) < 0) {
                fail("spare JVMs were still booting after 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for spare JVMs");
        }
        Set<Long> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toCollection(HashSet::new));
        children.removeAll(Spares.pids());
        return children;
    }

    /** This JVM's descendants, for messages. */
    static String describeDescendants() {
        List<String> all = ProcessHandle.current().descendants()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .collect(Collectors.toList());
        return all.isEmpty() ? "no descendants" : "descendants: " + all;
    }

    /** The hsperfdata file a JVM with this pid would have, in every directory HotSpot may use. */
    static List<Path> hsperfdataFiles(long pid) {
        String dir = "hsperfdata_" + System.getProperty("user.name");
        return Stream.of(Paths.get("/tmp"), Paths.get(System.getProperty("java.io.tmpdir")))
                .distinct()
                .map(tmp -> tmp.resolve(dir).resolve(Long.toString(pid)))
                .collect(Collectors.toList());
    }

    /** The argument files a parent JVM with this pid has written for its children. */
    static List<Path> argFiles(long parentPid) {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(tmp)) {
            String prefix = "mp4j-" + parentPid + "-";
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".args");
            }).collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Tees {@code System.out} or {@code System.err} into memory while it is open. Child output is
     * pumped through whatever {@code System.out}/{@code System.err} is at the time of the write,
     * so a capture sees it; the original stream still gets everything, unless the capture is
     * {@link #stdoutOnly(long) private}.
     */
    static final class Capture implements AutoCloseable {
        private final boolean err;
        private final PrintStream original;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private Capture(boolean err, boolean tee, long millisPerWrite) {
            this.err = err;
            this.original = err ? System.err : System.out;
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (millisPerWrite > 0) {
                        slowDown(millisPerWrite);
                    }
                    synchronized (bytes) {
                        bytes.write(b, off, len);
                    }
                    if (tee) {
                        original.write(b, off, len);
                    }
                }

                @Override
                public void flush() {
                    if (tee) {
                        original.flush();
                    }
                }
            };
            PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
            if (err) {
                System.setErr(stream);
            } else {
                System.setOut(stream);
            }
        }

        /** A slow terminal or log pipe, simulated: each write takes this long. */
        private static void slowDown(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static Capture stdout() {
            return new Capture(false, true, 0);
        }

        static Capture stderr() {
            return new Capture(true, true, 0);
        }

        /** Captures stdout without passing it on, each write taking {@code millisPerWrite}. */
        static Capture stdoutOnly(long millisPerWrite) {
            return new Capture(false, false, millisPerWrite);
        }

        /** Everything captured so far, decoded as the child wrote it (the platform charset). */
        String text() {
            synchronized (bytes) {
                return bytes.toString(java.nio.charset.Charset.defaultCharset());
            }
        }

        @Override
        public void close() {
            if (err) {
                System.setErr(original);
            } else {
                System.setOut(original);
            }
        }
    }

    /**
     * The children a test started, killed after it whatever happened, so that one failing test
     * leaves nothing running for the next.
     */
    static final class Started {
        private final List<ChildProcess> children = new ArrayList<>();

        /** Starts {@code process} and remembers it. */
        synchronized ChildProcess start(ChildProcess process) {
            children.add(process);
            return process.start();
        }

        synchronized void killAll() {
            for (ChildProcess child : children) {
                try {
                    if (child.isAlive()) {
                        child.kill();
                    }
                    child.join(Duration.ofSeconds(10));
                } catch (IllegalStateException notStarted) {
                    // start() failed: nothing runs
                }
            }
            children.clear();
        }
    }
}
