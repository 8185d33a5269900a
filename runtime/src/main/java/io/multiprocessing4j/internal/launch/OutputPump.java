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
 * <p>With {@link #prefixLines()} (a pool's {@code prefixOutput}, or the system property
 * {@value #PREFIX_PROPERTY}{@code =true} for every child), each line is written after the child's
 * name, {@code [PoolWorker-3] }, so that the output of many children can be told apart; the
 * remembered lines stay as the child wrote them. The name is the child's current one: a spare
 * JVM's output is prefixed with the name of the child it became.
 *
 * <p>The target stream is looked up on every write, so {@code System.setOut} in the parent is
 * honoured. One daemon thread per stream; it ends when the child's end of the pipe closes, which
 * is when the child and every process it started have exited. A read from a pipe cannot be
 * interrupted, so an interrupt of this thread takes effect through the child: its reader
 * terminates it (see {@link ChildJvm}), and the pipe closes.
 */
final class OutputPump implements Runnable {

    private static final int TAIL_BYTES = 4096;
    /** The system property that prefixes every child's lines with its name. */
    static final String PREFIX_PROPERTY = "multiprocessing4j.outputPrefix";

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
    /** The child's name, for the prefix; changes when a spare becomes a child. */
    private volatile String childName;
    private volatile boolean prefixLines = Boolean.getBoolean(PREFIX_PROPERTY);
    /** Whether the next byte written begins a line. Pump thread only. */
    private boolean atLineStart = true;
    private final byte[] tail = new byte[TAIL_BYTES];
    private int tailStart;
    private int tailLength;

    private OutputPump(InputStream from, Supplier<PrintStream> to, String childName, String stream) {
        this.from = from;
        this.to = to;
        this.childName = childName;
        this.thread = new Thread(this, childName + "-" + stream);
        thread.setDaemon(true);
    }

    /**
     * Starts copying {@code from} to {@code to} on a thread named {@code childName-stream}.
     *
     * @param stream "stdout" or "stderr", for the thread's name
     */
    static OutputPump start(InputStream from, Supplier<PrintStream> to, String childName, String stream) {
        OutputPump pump = new OutputPump(from, to, childName, stream);
        pump.thread.start();
        return pump;
    }

    /** Names the thread and the prefix after the child a spare became. */
    void rename(String childName, String stream) {
        this.childName = childName;
        thread.setName(childName + "-" + stream);
    }

    /** From now on, each line is written after the child's name. */
    void prefixLines() {
        prefixLines = true;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (InputStream in = from) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                PrintStream out = to.get();
                if (prefixLines) {
                    writePrefixed(out, buffer, n);
                } else {
                    out.write(buffer, 0, n);
                    atLineStart = buffer[n - 1] == '\n';
                }
                out.flush();
                remember(buffer, n);
            }
        } catch (IOException e) {
            // the child is gone; nothing more to copy
        }
    }

    /**
     * Writes {@code length} bytes, the child's name before each line's first byte. Lines are
     * split on {@code '\n'}, which ends a line in every charset a JVM writes its output in.
     */
    private void writePrefixed(PrintStream out, byte[] bytes, int length) {
        byte[] prefix = null;
        int from = 0;
        while (from < length) {
            if (atLineStart) {
                if (prefix == null) {
                    prefix = ("[" + childName + "] ").getBytes(Charset.defaultCharset());
                }
                out.write(prefix, 0, prefix.length);
                atLineStart = false;
            }
            int end = from;
            while (end < length && bytes[end] != '\n') {
                end++;
            }
            if (end < length) {
                end++; // the newline
                atLineStart = true;
            }
            out.write(bytes, from, end - from);
            from = end;
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
