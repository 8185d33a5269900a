package io.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Copies a child's standard output or error to the parent's, as Python does, and remembers the
 * last few lines: when a child JVM fails to start or dies, its own last words go into the
 * exception message.
 *
 * <p>The target stream is looked up on every write, so {@code System.setOut} in the parent is
 * honoured. One daemon thread per stream; it ends when the child's end of the pipe closes, which
 * is when the child and every process it started have exited. A read from a pipe cannot be
 * interrupted, so an interrupt of this thread takes effect through the child: its reader
 * terminates it (see {@link ChildJvm}), and the pipe closes.
 */
final class OutputPump implements Runnable {

    private static final int TAIL_BYTES = 4096;

    /** This JVM's standard output, looked up at each write. Not a lambda: see {@link LaunchGate}. */
    static final Supplier<PrintStream> STDOUT = new Supplier<PrintStream>() {
        @Override
        public PrintStream get() {
            return System.out;
        }
    };
    /** This JVM's standard error, looked up at each write. */
    static final Supplier<PrintStream> STDERR = new Supplier<PrintStream>() {
        @Override
        public PrintStream get() {
            return System.err;
        }
    };

    private final InputStream from;
    private final Supplier<PrintStream> to;
    private final Thread thread;
    private final byte[] tail = new byte[TAIL_BYTES];
    private int tailStart;
    private int tailLength;

    private OutputPump(InputStream from, Supplier<PrintStream> to, String threadName) {
        this.from = from;
        this.to = to;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
    }

    static OutputPump start(InputStream from, Supplier<PrintStream> to, String threadName) {
        OutputPump pump = new OutputPump(from, to, threadName);
        pump.thread.start();
        return pump;
    }

    /** Names the thread after the child a spare became. */
    void rename(String threadName) {
        thread.setName(threadName);
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (InputStream in = from) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                PrintStream out = to.get();
                out.write(buffer, 0, n);
                out.flush();
                remember(buffer, n);
            }
        } catch (IOException e) {
            // the child is gone; nothing more to copy
        }
    }

    private synchronized void remember(byte[] bytes, int length) {
        for (int i = Math.max(0, length - TAIL_BYTES); i < length; i++) {
            tail[(tailStart + tailLength) % TAIL_BYTES] = bytes[i];
            if (tailLength < TAIL_BYTES) {
                tailLength++;
            } else {
                tailStart = (tailStart + 1) % TAIL_BYTES;
            }
        }
    }

    /** Waits until the child's end of the pipe has closed, at most {@code millis}. */
    boolean awaitDrained(long millis) {
        try {
            thread.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** The last lines copied, at most {@code maxLines}, trimmed; empty if there were none. */
    synchronized String lastLines(int maxLines) {
        byte[] ordered = new byte[tailLength];
        for (int i = 0; i < tailLength; i++) {
            ordered[i] = tail[(tailStart + i) % TAIL_BYTES];
        }
        String text = new String(ordered, Charset.defaultCharset()).strip();
        String[] lines = text.split("\\R");
        int from = Math.max(0, lines.length - maxLines);
        return String.join(System.lineSeparator(), Arrays.asList(lines).subList(from, lines.length));
    }
}
