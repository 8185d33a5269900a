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
 * this project's machine: a wake with nobody asleep costs about 2 µs, loading JNA about 6 ms,
 * once per process, when something first blocks or must wake a sleeper.
 *
 * <p><b>Elsewhere</b> (macOS, other architectures, or JNA that fails to load), {@link #await}
 * parks the thread for at most {@value #POLL_MICROS} µs and {@link #wake} does nothing: waiters
 * poll. That is correct, because every caller re-checks its word in a loop, only slower and not
 * quite free (a sleeper wakes a few hundred times a second).
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

    private Futex() {}

    /**
     * Sleeps while the {@code int} at {@code offset} of {@code segment} equals {@code expected},
     * at most {@code nanos} (callers keep it at or below {@link #SLICE_NANOS}). Returns at once if
     * the word differs, when woken, when the time is up, or spuriously.
     */
    public static void await(Segment segment, int offset, int expected, long nanos) {
        if (nanos <= 0) {
            return;
        }
        if (Native.AVAILABLE) {
            Native.await(segment, offset, expected, nanos);
        } else {
            LockSupport.parkNanos(Math.min(nanos, TimeUnit.MICROSECONDS.toNanos(POLL_MICROS)));
        }
    }

    /** Wakes up to {@code count} threads, in any process, asleep on the word at {@code offset}. */
    public static void wake(Segment segment, int offset, int count) {
        if (Native.AVAILABLE) {
            Native.wake(segment, offset, count);
        }
    }

    /** Whether sleepers sleep in the kernel ({@code futex}), rather than poll. */
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
                    System.err.println("multiprocessing4j: cannot load JNA (" + e + "); shared locks and events"
                            + " will poll instead of sleeping");
                }
            }
            AVAILABLE = available;
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
            try {
                com.sun.jna.Native.register(Syscall.class,
                        com.sun.jna.NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME));
            } finally {
                if (ours) {
                    // only JNA's own library goes there: the application's extractions keep JNA's default
                    System.clearProperty("jna.tmpdir");
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
