package io.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sleeping until an {@code int} in a segment changes, and waking those who sleep on it: the one
 * way a process of this package blocks on another. Callers keep their state in segment words
 * changed with {@link Atomics}; a waiter that finds the state not to its liking calls
 * {@link #await} with the value it saw, and whoever changes the word calls {@link #wake}.
 *
 * <p><b>How.</b> On Linux, {@code futex(2)} on the shared mapping, reached through JNA's direct
 * mapping of {@code syscall}: {@code FUTEX_WAIT} puts the thread to sleep in the kernel only if
 * the word still holds the expected value, and {@code FUTEX_WAKE} wakes sleepers on the same
 * physical page in any process. Neither uses the {@code PRIVATE} flag, which would confine them
 * to one process; glibc's process-shared mutexes do the same. A sleeper costs no CPU. Measured on
 * this project's machine: a wake with nobody asleep costs about 2 µs.
 *
 * <p><b>Loading JNA</b> costs a cold JVM 150 to 550 ms on this project's shared, loaded 2-core
 * machine (mostly JNA's own class initialisation and unpacking its library), so it is loaded
 * lazily: a process that only shares values never loads it. {@link #prepare()}, called when a
 * process makes an object that can block (a lock, an event ...), starts loading it on a daemon
 * thread; {@link #prepareNow()}, called when such an object arrives from another process, loads it
 * before the object is handed to the task, because the sender may already be asleep on it and
 * only a loaded process can wake it (measured: with the load in the background instead, the
 * {@code event_pingpong} and {@code lock_inc} benchmarks were two to three times slower, their
 * first few hundred hand-overs each waiting out a slice). Until it is loaded, {@link #await}
 * polls in 50 µs steps and {@link #wake} wakes nobody (sleepers elsewhere see the change at the
 * end of their slice, which starts at 1 ms), so timed waits stay on time while it loads. JNA's search for the C library runs
 * {@code ldconfig -p} in a child process; binding {@code syscall} from the process's own symbols,
 * with {@code jna.platform.library.path} set for the duration, avoids both the search and the
 * child process. The same thread then {@linkplain Warmup warms up} the fast paths of locks and
 * events for the JIT.
 *
 * <p><b>Elsewhere</b> (macOS, other architectures, or JNA that fails to load), {@link #await}
 * parks the thread for at most {@value #POLL_MICROS} µs and {@link #wake} does nothing: waiters
 * poll. That is correct, because every caller re-checks its word in a loop, only slower and not
 * quite free (a sleeper wakes up to a thousand times a second).
 *
 * <p><b>Never forever.</b> {@link #await} is always bounded by the caller's timeout; callers pass
 * slices of at most {@link #SLICE_NANOS}, so that they can check interrupts and whether the
 * process they wait for still lives. Spurious returns happen (a wake meant for another word on
 * the same address, a signal); callers re-check.
 *
 * <p><b>Where JNA unpacks its library.</b> JNA copies its native library to a temporary file,
 * loads it and deletes it at once. Unless the application chose a place ({@code jna.tmpdir}), the
 * copy goes into the program's directory, which is removed when the program ends or swept by the
 * next one after a {@code kill -9}, so not even a kill between copy and delete leaves a file. A
 * program directory on a file system mounted {@code noexec} cannot load libraries; then JNA's
 * own default place is used.
 *
 * <p>Thread-safe; each thread has its own timeout buffer.
 */
public final class Futex {

    /** The longest one {@link #await} sleeps; callers wake at least this often to look around. */
    public static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long POLL_MICROS = 1000;
    static final long LOADING_POLL_MICROS = 50;

    /** Where loading stands; one explicit state, changed only forward. */
    private enum Loading { NOT_STARTED, LOADING, NATIVE, POLLING }

    private static volatile Loading loading = Loading.NOT_STARTED;

    private Futex() {}

    /**
     * Starts loading the native support in the background, unless it is loaded or loading. Cheap
     * to call often: objects that can block call it when they are made or arrive.
     */
    public static void prepare() {
        if (loading == Loading.NOT_STARTED) {
            startLoading();
        }
    }

    /**
     * Loads the native support now, on this thread (or waits for the loader thread to finish it),
     * unless it is loaded: for an object that can block and has just arrived from another process,
     * whose sender may already be asleep on it or waiting for a wake. Until this process has
     * loaded it, its wakes reach nobody, and a sleeper elsewhere waits out its slice for each.
     */
    public static void prepareNow() {
        if (loading == Loading.NATIVE || loading == Loading.POLLING) {
            return;
        }
        prepare();
        boolean interrupted = false;
        while (loading == Loading.LOADING) {
            try {
                LOADED.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final java.util.concurrent.CountDownLatch LOADED = new java.util.concurrent.CountDownLatch(1);

    private static synchronized void startLoading() {
        if (loading != Loading.NOT_STARTED) {
            return;
        }
        loading = Loading.LOADING;
        Thread loader = new Thread(() -> {
            try {
                loading = Native.AVAILABLE ? Loading.NATIVE : Loading.POLLING;
            } finally {
                LOADED.countDown();
            }
            Warmup.run();
        }, "multiprocessing4j-futex-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /**
     * Sleeps while the {@code int} at {@code offset} of {@code segment} equals {@code expected},
     * at most {@code nanos} (callers keep it at or below {@link #SLICE_NANOS}). Returns at once if
     * the word differs, when woken, when the time is up, or spuriously.
     */
    public static void await(Segment segment, int offset, int expected, long nanos) {
        if (nanos <= 0) {
            return;
        }
        Loading now = loading;
        if (now == Loading.NATIVE) {
            Native.await(segment, offset, expected, nanos);
        } else if (now == Loading.POLLING) {
            LockSupport.parkNanos(Math.min(nanos, TimeUnit.MICROSECONDS.toNanos(POLL_MICROS)));
        } else {
            // loading, for a few hundred ms at most: poll finely, so that a hand-over between
            // processes that start together is not held up by a millisecond each time
            prepare();
            LockSupport.parkNanos(Math.min(nanos, TimeUnit.MICROSECONDS.toNanos(LOADING_POLL_MICROS)));
        }
    }

    /** Wakes up to {@code count} threads, in any process, asleep on the word at {@code offset}. */
    public static void wake(Segment segment, int offset, int count) {
        if (loading == Loading.NATIVE) {
            Native.wake(segment, offset, count);
        } else {
            prepare();
        }
    }

    /**
     * Whether sleepers sleep in the kernel ({@code futex}) rather than poll, loading the native
     * support first (on this thread, if it is not loading yet) to tell.
     */
    public static boolean isNative() {
        return Native.AVAILABLE;
    }

    /**
     * The JNA side, in a class of its own so that JNA is loaded only when a thread first has to
     * sleep or wake one: a process that only reads and writes shared values never loads it.
     */
    private static final class Native {
        static final boolean AVAILABLE;
        private static final long SYS_FUTEX = futexSyscallNumber();
        private static final int FUTEX_WAIT = 0;
        private static final int FUTEX_WAKE = 1;
        private static final ThreadLocal<Timespec> TIMESPEC = ThreadLocal.withInitial(Timespec::new);

        static {
            boolean available = false;
            if (SYS_FUTEX > 0) {
                try {
                    loadJna();
                    available = true;
                } catch (LinkageError | RuntimeException e) {
                    if (!shuttingDown()) { // at exit the program's directory goes, and JNA's copy in it
                        System.err.println("multiprocessing4j: cannot load JNA (" + e + "); shared locks and"
                                + " events will poll instead of sleeping");
                    }
                }
            }
            AVAILABLE = available;
        }

        private static boolean shuttingDown() {
            Thread probe = new Thread(() -> { });
            try {
                Runtime.getRuntime().addShutdownHook(probe);
                Runtime.getRuntime().removeShutdownHook(probe);
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        }

        /** The number of {@code futex} on this architecture, or 0 where this class does not know it. */
        private static long futexSyscallNumber() {
            if (!System.getProperty("os.name", "").startsWith("Linux")) {
                return 0;
            }
            switch (System.getProperty("os.arch", "")) {
                case "amd64":
                case "x86_64":
                    return 202;
                case "aarch64":
                case "riscv64":
                    return 98;
                case "ppc64le":
                    return 221;
                case "s390x":
                    return 238;
                default:
                    return 0;
            }
        }

        private static void loadJna() {
            String chosen = System.getProperty("jna.tmpdir");
            boolean ours = chosen == null && ExecMount.allowsExec(ProgramDirectory.path());
            if (ours) {
                System.setProperty("jna.tmpdir", ProgramDirectory.path().toString());
            }
            boolean noSearch = System.getProperty("jna.platform.library.path") == null;
            if (noSearch) {
                // NativeLibrary's initialiser otherwise runs "ldconfig -p" to learn the system's
                // library paths; syscall is in the C library, which this process has loaded already
                System.setProperty("jna.platform.library.path", "");
            }
            try {
                com.sun.jna.Native.register(Syscall.class, com.sun.jna.NativeLibrary.getProcess());
            } finally {
                // only JNA's own start-up sees these: the application's own use of JNA keeps its defaults
                if (ours) {
                    System.clearProperty("jna.tmpdir");
                }
                if (noSearch) {
                    System.clearProperty("jna.platform.library.path");
                }
            }
        }

        static void await(Segment segment, int offset, int expected, long nanos) {
            Timespec timeout = TIMESPEC.get();
            timeout.set(nanos);
            Syscall.syscall(SYS_FUTEX, address(segment) + offset, FUTEX_WAIT, expected, timeout.address, 0, 0);
        }

        static void wake(Segment segment, int offset, int count) {
            Syscall.syscall(SYS_FUTEX, address(segment) + offset, FUTEX_WAKE, count, 0, 0, 0);
        }

        private static long address(Segment segment) {
            long address = segment.address;
            if (address == 0) {
                address = com.sun.jna.Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(segment.buffer()));
                segment.address = address;
            }
            return address;
        }
    }

    /** {@code long syscall(long number, ...)} of the C library, bound by JNA's direct mapping. */
    private static final class Syscall {
        private Syscall() {}

        static native long syscall(long number, long address, long op, long value, long timeout, long address2,
                long value3);
    }

    /** A {@code struct timespec} in native memory, one per thread. */
    private static final class Timespec {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        final long address = com.sun.jna.Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(buffer));

        void set(long nanos) {
            buffer.putLong(0, nanos / 1_000_000_000L);
            buffer.putLong(8, nanos % 1_000_000_000L);
        }
    }
}
