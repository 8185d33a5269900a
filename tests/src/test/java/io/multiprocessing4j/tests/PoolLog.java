package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The pool's log as a user of java.util.logging sees it: every record of the logger
 * {@code io.multiprocessing4j.pool}, down to {@code DEBUG} ({@code FINE}), while open. The
 * runtime logs through {@code System.Logger}, whose default backend is JUL: this is the proof
 * that JUL users see it without a dependency.
 */
final class PoolLog extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.multiprocessing4j.pool");
    private final Level before = logger.getLevel();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    PoolLog() {
        setLevel(Level.ALL);
        logger.setLevel(Level.FINE);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        synchronized (this) {
            notifyAll();
        }
    }

    /** {@return the records so far, "LEVEL message" each, for assertions and messages} */
    List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).collect(Collectors.toList());
    }

    /**
     * Waits at most {@code limit} for a record at {@code level} whose message contains every one
     * of {@code parts}, and returns its message; fails the test with every record so far if none
     * comes.
     */
    String await(Level level, Duration limit, String... parts) {
        long deadline = System.nanoTime() + limit.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < records.size(); seen++) {
                LogRecord record = records.get(seen);
                if (record.getLevel().equals(level) && containsAll(record.getMessage(), parts)) {
                    return record.getMessage();
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no " + level + " record with " + List.of(parts) + " within " + limit.toSeconds()
                        + " s; the pool logged: " + String.join(System.lineSeparator(), lines()));
            }
            synchronized (this) {
                try {
                    if (seen == records.size()) {
                        wait(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail("interrupted while waiting for the log");
                }
            }
        }
    }

    private static boolean containsAll(String message, String... parts) {
        for (String part : parts) {
            if (!message.contains(part)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
