package io.multiprocessing4j.tests;

import java.lang.reflect.Array;
import java.util.Objects;

/**
 * The child's half of the argument tests: compares what arrived with what it recomputed itself and
 * exits with a code that says which argument differs, so that the parent can tell without any
 * channel but the exit code. The difference is described on the child's stderr, which the parent
 * shows.
 */
final class Check {

    private Check() {}

    /**
     * Exits with {@code base + i} for the first {@code i} where {@code received[i]} differs from
     * {@code expected[i]} (deeply, for arrays); returns if all are equal.
     */
    static void all(String kind, int base, Object[] expected, Object[] received) {
        if (expected.length != received.length) {
            fail(kind, base + 99, "expected " + expected.length + " values, received " + received.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!Objects.deepEquals(expected[i], received[i])) {
                fail(kind, base + i, "argument " + i + " differs: expected " + describe(expected[i])
                        + ", received " + describe(received[i]));
            }
        }
    }

    /** Exits with {@code code} unless {@code ok}. */
    static void that(String kind, int code, boolean ok, String what) {
        if (!ok) {
            fail(kind, code, what);
        }
    }

    private static void fail(String kind, int code, String what) {
        System.err.println("Check " + kind + " failed with exit code " + code + ": " + what);
        System.err.flush();
        System.exit(code);
    }

    /** A bounded description: class, length for arrays, the first difference is for a debugger. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text;
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < Math.min(length, 8); i++) {
                s.append(i == 0 ? "" : ", ").append(describe(Array.get(value, i)));
            }
            text = s.append(length > 8 ? ", ...]" : "]").toString() + " length " + length;
        } else {
            text = String.valueOf(value);
            if (value instanceof String) {
                StringBuilder codes = new StringBuilder();
                ((String) value).chars().limit(16).forEach(c -> codes.append(String.format(" %04x", c)));
                text = "\"" + text + "\" (length " + text.length() + ", chars" + codes + ")";
            }
        }
        if (text.length() > 300) {
            text = text.substring(0, 300) + "...";
        }
        return value.getClass().getName() + " " + text;
    }
}
