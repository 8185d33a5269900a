package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.tests.Cargo.Color;
import io.multiprocessing4j.tests.Cargo.Drawing;
import io.multiprocessing4j.tests.Cargo.Empty;
import io.multiprocessing4j.tests.Cargo.Op;
import io.multiprocessing4j.tests.Cargo.Pair;
import io.multiprocessing4j.tests.Cargo.Parcel;
import io.multiprocessing4j.tests.Cargo.Point;
import io.multiprocessing4j.tests.Cargo.Samples;
import io.multiprocessing4j.tests.Cargo.Segment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of argument the wire carries, sent to a real child that recomputes what it should
 * have received and exits 0 only if everything arrived equal. A non-zero exit code names the kind
 * and the argument (see {@link Cargo}); the child says more on stderr.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ArgumentsArriveIntactTest {

    private static final long SEED = 20240229;

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    private void assertArrivesIntact(String kind, ChildProcess p) {
        started.start(p);
        assertTrue(p.join(Duration.ofSeconds(40)), kind + ": the child did not finish");
        assertEquals(0, p.exitCode().orElse(-999),
                kind + ": the child saw a difference; its exit code names the argument (Cargo), its stderr says more");
    }

    @ParameterizedTest
    @ValueSource(longs = {Values.EDGES, SEED})
    void primitives(long seed) {
        Object[] v = Values.primitives(seed);
        assertArrivesIntact("primitives", CargoWorkers.primitives(seed, (boolean) v[0], (byte) v[1], (short) v[2],
                (char) v[3], (int) v[4], (long) v[5], (float) v[6], (double) v[7]));
    }

    @ParameterizedTest
    @ValueSource(longs = {Values.NULLS, Values.EDGES, SEED})
    void boxesIncludingNull(long seed) {
        Object[] v = Values.boxes(seed);
        assertArrivesIntact("boxes", CargoWorkers.boxes(seed, (Boolean) v[0], (Byte) v[1], (Short) v[2],
                (Character) v[3], (Integer) v[4], (Long) v[5], (Float) v[6], (Double) v[7]));
    }

    @Test
    void unicodeStrings() {
        Object[] v = Values.strings(SEED);
        assertArrivesIntact("strings", CargoWorkers.strings(SEED, (String) v[0], (String) v[1], (String) v[2],
                (String) v[3], (String) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8]));
    }

    @Test
    void stringsWithUnpairedSurrogates() {
        Object[] v = Values.unpairedSurrogates();
        assertArrivesIntact("unpaired surrogates",
                CargoWorkers.unpairedSurrogates((String) v[0], (String) v[1], (String) v[2]));
    }

    @Test
    void emptyAndLargeArrays() {
        Object[] v = Values.arrays(SEED);
        assertArrivesIntact("arrays", CargoWorkers.arrays(SEED, (byte[]) v[0], (int[]) v[1], (long[]) v[2],
                (double[]) v[3], (float[]) v[4], (short[]) v[5], (char[]) v[6], (boolean[]) v[7], (String[]) v[8],
                (int[][]) v[9], (String[][]) v[10], (Integer[]) v[11], (byte[]) v[12], (int[]) v[13],
                (String[]) v[14], (long[][]) v[15]));
    }

    @Test
    @SuppressWarnings("unchecked")
    void enumsIncludingConstantSpecificBodies() {
        Object[] v = Values.enums();
        assertArrivesIntact("enums", CargoWorkers.enums((Color) v[0], (Op) v[1], (Op) v[2], (Color) v[3],
                (Color[]) v[4], (Op[]) v[5], (List<Op>) v[6], (EnumMap<Color, Integer>) v[7], (Map<Op, String>) v[8]));
    }

    @Test
    @SuppressWarnings("unchecked")
    void enumSets() {
        Object[] v = Values.enumSets();
        assertArrivesIntact("enum sets",
                CargoWorkers.enumSets((EnumSet<Color>) v[0], (EnumSet<Color>) v[1], (EnumSet<Op>) v[2]));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedRecords() {
        Object[] v = Values.records(SEED);
        assertArrivesIntact("records", CargoWorkers.records(SEED, (Point) v[0], (Segment) v[1], (Drawing) v[2],
                (Empty) v[3], (Pair<String, Integer>) v[4], (Pair<List<Point>, Color>) v[5], (Segment) v[6],
                (Point[]) v[7], (Samples) v[8]));
    }

    @Test
    @SuppressWarnings("unchecked")
    void collections() {
        Object[] v = Values.collections(SEED);
        assertArrivesIntact("collections", CargoWorkers.collections(SEED, (List<Integer>) v[0], (List<String>) v[1],
                (LinkedList<String>) v[2], (List<String>) v[3], (List<String>) v[4], (Set<String>) v[5],
                (Set<Integer>) v[6], (Set<String>) v[7], (Map<String, Integer>) v[8], (Map<String, Integer>) v[9],
                (TreeMap<String, List<Integer>>) v[10], (TreeMap<String, Integer>) v[11],
                (Map<String, Map<Integer, List<String>>>) v[12], (List<List<Double>>) v[13],
                (Map<String, String>) v[14]));
    }

    @Test
    void serializableClasses() {
        Object[] v = Values.serializable(SEED);
        assertArrivesIntact("serializable", CargoWorkers.serializable(SEED, (Parcel) v[0], (BigDecimal) v[1],
                (BigInteger) v[2], (UUID) v[3], (LocalDate) v[4], (Duration) v[5], (Parcel) v[6]));
    }
}
