package io.multiprocessing4j.tests;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Holds back what each test prints, and what the child JVMs it starts print, and shows it only if
 * the test fails. A passing run of the suite then prints nothing but Maven's own report, although
 * its tests make children print thousands of lines, stack traces and
 * {@code Terminating due to java.lang.OutOfMemoryError} among them, on purpose.
 *
 * <p>How: from the start of the test plan to its end, {@code System.out} and {@code System.err}
 * are streams that append to the buffer of whatever test or container is running. Children's
 * output arrives there too, because the runtime copies it to whatever {@code System.out} and
 * {@code System.err} are at each write. When a test or container finishes, its buffer is printed
 * on the original {@code System.err}, under a header naming it, if it failed, and dropped
 * otherwise. Output that arrives after its test has finished (a child that outlives it) goes to
 * the enclosing class's buffer. Both streams share one buffer, so the lines keep the order in
 * which they were written.
 *
 * <p>Registered for every test of this module through {@code META-INF/services}. With
 * {@code -Dtests.showOutput=true} everything is printed as it comes, as before. Tests run one at a
 * time (Surefire's and JUnit's default); with parallel execution, output would be attributed to
 * the wrong test.
 */
public final class OutputOnFailure implements TestExecutionListener {

    /** Past this, a buffer keeps only its last bytes: a failure's context is at the end. */
    private static final int MAX_BYTES = 1 << 20;

    private final Object lock = new Object();
    private final Map<String, Buffer> buffers = new HashMap<>();
    private final Map<String, String> paths = new HashMap<>();
    private final boolean passThrough = Boolean.getBoolean("tests.showOutput");
    private Buffer current;
    private PrintStream consoleOut;
    private PrintStream consoleErr;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (passThrough) {
            return;
        }
        synchronized (lock) {
            consoleOut = System.out;
            consoleErr = System.err;
            current = new Buffer();
        }
        PrintStream capture = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (lock) {
                    current.append(bytes, offset, length);
                }
            }
        }, true, Charset.defaultCharset());
        System.setOut(capture);
        System.setErr(capture);
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (passThrough) {
            return;
        }
        synchronized (lock) {
            // The engine is the root; a path starts at the test class: "FooTest > bar()".
            String parentPath = identifier.getParentId().map(paths::get).orElse(null);
            paths.put(identifier.getUniqueId(), parentPath == null ? ""
                    : parentPath.isEmpty() ? identifier.getDisplayName()
                    : parentPath + " > " + identifier.getDisplayName());
            current = new Buffer();
            buffers.put(identifier.getUniqueId(), current);
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (passThrough) {
            return;
        }
        synchronized (lock) {
            String id = identifier.getUniqueId();
            Buffer finished = buffers.remove(id);
            String path = paths.remove(id);
            current = identifier.getParentId().map(buffers::get).orElseGet(Buffer::new);
            if (finished != null && !finished.isEmpty()
                    && result.getStatus() == TestExecutionResult.Status.FAILED) {
                // printed under the lock, so that no other output cuts into the block
                show(path == null || path.isEmpty() ? identifier.getDisplayName() : path, finished);
            }
        }
    }

    private void show(String name, Buffer output) {
        byte[] bytes = output.contents();
        consoleErr.println("==== what " + name + " and its child processes printed"
                + " (shown because it failed)" + output.droppedNote() + " ====");
        consoleErr.write(bytes, 0, bytes.length);
        if (bytes[bytes.length - 1] != '\n') {
            consoleErr.println();
        }
        consoleErr.println("==== end of what " + name + " printed ====");
        consoleErr.flush();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (passThrough) {
            return;
        }
        synchronized (lock) {
            System.setOut(consoleOut);
            System.setErr(consoleErr);
            buffers.clear();
            paths.clear();
            current = new Buffer();
        }
    }

    /** Bytes written while one test or container ran; keeps the last {@link #MAX_BYTES}. */
    private static final class Buffer {
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long dropped;

        void append(byte[] b, int offset, int length) {
            bytes.write(b, offset, length);
            if (bytes.size() > 2 * MAX_BYTES) {
                byte[] all = bytes.toByteArray();
                int keepFrom = all.length - MAX_BYTES;
                dropped += keepFrom;
                bytes = new ByteArrayOutputStream(2 * MAX_BYTES);
                bytes.write(all, keepFrom, MAX_BYTES);
            }
        }

        boolean isEmpty() {
            return bytes.size() == 0;
        }

        byte[] contents() {
            return bytes.toByteArray();
        }

        String droppedNote() {
            return dropped == 0 ? "" : "; its first " + dropped + " bytes are left out";
        }
    }
}
