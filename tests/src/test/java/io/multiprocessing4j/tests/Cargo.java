package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.Worker;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One {@code @Worker} per kind of argument the wire carries. Each recomputes, from the seed it is
 * given, the values the parent sent ({@link Values}) and exits 0 if every argument arrived equal,
 * or with a code that names the kind and the argument: see the {@code *_BASE} constants.
 */
public class Cargo {

    static final int PRIMITIVES_BASE = 10;
    static final int BOXES_BASE = 20;
    static final int STRINGS_BASE = 30;
    static final int ARRAYS_BASE = 50;
    static final int ENUMS_BASE = 70;
    static final int ENUM_SETS_BASE = 80;
    static final int RECORDS_BASE = 90;
    static final int COLLECTIONS_BASE = 100;
    static final int SERIALIZABLE_BASE = 120;

    enum Color { RED, GREEN, BLUE }

    /** Constants with bodies: each is an anonymous subclass of {@code Op}. */
    enum Op {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        },
        TIMES {
            @Override
            int apply(int a, int b) {
                return a * b;
            }
        };

        abstract int apply(int a, int b);
    }

    record Point(double x, double y) {}

    record Segment(Point from, Point to, String label) {}

    /** Nested records, collections inside, and itself inside itself. */
    record Drawing(String title, List<Segment> segments, Map<String, Point> anchors, Color color, Drawing inner) {}

    record Empty() {}

    record Pair<A, B>(A first, B second) {}

    /** A record with an array, whose generated equals would compare the array by reference. */
    record Samples(String name, int[] values, char grade, short small) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Samples s && name.equals(s.name) && Arrays.equals(values, s.values)
                    && grade == s.grade && small == s.small;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(values), grade, small);
        }
    }

    /** A plain Serializable class, with a transient field, a nested instance and a shared reference. */
    static final class Parcel implements Serializable {
        private static final long serialVersionUID = 1L;

        final String label;
        final int[] numbers;
        final ArrayList<String> tags;
        final Op op;
        final Parcel inner;
        final Parcel alias;
        transient String cache = "computed";

        Parcel(String label, int[] numbers, ArrayList<String> tags, Op op, Parcel inner) {
            this.label = label;
            this.numbers = numbers;
            this.tags = tags;
            this.op = op;
            this.inner = inner;
            this.alias = inner;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Parcel p && label.equals(p.label) && Arrays.equals(numbers, p.numbers)
                    && tags.equals(p.tags) && op == p.op && Objects.equals(inner, p.inner)
                    && Objects.equals(alias, p.alias);
        }

        @Override
        public int hashCode() {
            return Objects.hash(label, Arrays.hashCode(numbers), tags, op, inner);
        }

        @Override
        public String toString() {
            return "Parcel[" + label + ", " + Arrays.toString(numbers) + ", " + tags + ", " + op + ", " + inner + "]";
        }
    }

    @Worker
    static void primitives(long seed, boolean z, byte b, short s, char c, int i, long j, float f, double d) {
        Check.all("primitives", PRIMITIVES_BASE, Values.primitives(seed), new Object[] {z, b, s, c, i, j, f, d});
    }

    @Worker
    static void boxes(long seed, Boolean z, Byte b, Short s, Character c, Integer i, Long j, Float f, Double d) {
        Check.all("boxes", BOXES_BASE, Values.boxes(seed), new Object[] {z, b, s, c, i, j, f, d});
    }

    @Worker
    static void strings(long seed, String ascii, String emoji, String cjk, String combining, String empty,
            String withNul, String nothing, String random, String large) {
        Check.all("strings", STRINGS_BASE, Values.strings(seed),
                new Object[] {ascii, emoji, cjk, combining, empty, withNul, nothing, random, large});
    }

    /** A Java String may hold a surrogate without its pair; it must arrive as it was sent. */
    @Worker
    static void unpairedSurrogates(String high, String low, String reversed) {
        Check.all("unpaired surrogates", STRINGS_BASE + 15, Values.unpairedSurrogates(),
                new Object[] {high, low, reversed});
    }

    @Worker
    static void arrays(long seed, byte[] bytes, int[] ints, long[] longs, double[] doubles, float[] floats,
            short[] shorts, char[] chars, boolean[] booleans, String[] strings, int[][] matrix,
            String[][] jagged, Integer[] boxed, byte[] emptyBytes, int[] emptyInts, String[] emptyStrings,
            long[][] emptyMatrix) {
        Check.all("arrays", ARRAYS_BASE, Values.arrays(seed), new Object[] {bytes, ints, longs, doubles, floats,
                shorts, chars, booleans, strings, matrix, jagged, boxed, emptyBytes, emptyInts, emptyStrings,
                emptyMatrix});
    }

    @Worker
    static void enums(Color color, Op plus, Op times, Color nothing, Color[] colors, Op[] ops, List<Op> opList,
            EnumMap<Color, Integer> byColor, Map<Op, String> byOp) {
        Check.all("enums", ENUMS_BASE, Values.enums(),
                new Object[] {color, plus, times, nothing, colors, ops, opList, byColor, byOp});
        Check.that("enums", ENUMS_BASE + 9, plus.apply(2, 3) == 5 && times.apply(2, 3) == 6,
                "the constant-specific bodies do not behave");
        Check.that("enums", ENUMS_BASE + 10, plus.getClass() != Op.class && plus.getDeclaringClass() == Op.class,
                "PLUS arrived as " + plus.getClass());
    }

    @Worker
    static void enumSets(EnumSet<Color> some, EnumSet<Color> all, EnumSet<Op> none) {
        Check.all("enum sets", ENUM_SETS_BASE, Values.enumSets(), new Object[] {some, all, none});
    }

    @Worker
    static void records(long seed, Point point, Segment segment, Drawing drawing, Empty empty,
            Pair<String, Integer> pair, Pair<List<Point>, Color> nested, Segment nothing, Point[] points,
            Samples samples) {
        Check.all("records", RECORDS_BASE, Values.records(seed),
                new Object[] {point, segment, drawing, empty, pair, nested, nothing, points, samples});
    }

    @Worker
    static void collections(long seed, List<Integer> listOf, List<String> arrayList, LinkedList<String> linked,
            List<String> withNulls, List<String> empty, Set<String> setOf, Set<Integer> hashSet,
            Set<String> linkedHashSet, Map<String, Integer> mapOf, Map<String, Integer> withNullKey,
            TreeMap<String, List<Integer>> tree, TreeMap<String, Integer> caseInsensitive,
            Map<String, Map<Integer, List<String>>> nested, List<List<Double>> lists, Map<String, String> emptyMap) {
        Object[] expected = Values.collections(seed);
        Check.all("collections", COLLECTIONS_BASE, expected, new Object[] {listOf, arrayList, linked, withNulls,
                empty, setOf, hashSet, linkedHashSet, mapOf, withNullKey, tree, caseInsensitive, nested, lists,
                emptyMap});
        Check.that("collections", COLLECTIONS_BASE + 15, linked.getClass() == LinkedList.class,
                "the LinkedList arrived as " + linked.getClass());
        Check.that("collections", COLLECTIONS_BASE + 16,
                new ArrayList<>(linkedHashSet).equals(new ArrayList<>((Set<?>) expected[7])),
                "the LinkedHashSet lost its order: " + linkedHashSet);
        Check.that("collections", COLLECTIONS_BASE + 17,
                caseInsensitive.comparator() == String.CASE_INSENSITIVE_ORDER
                        && caseInsensitive.get("ALPHA") != null,
                "the TreeMap lost its comparator: " + caseInsensitive.comparator());
    }

    @Worker
    static void serializable(long seed, Parcel parcel, BigDecimal decimal, BigInteger integer, UUID uuid,
            LocalDate date, java.time.Duration duration, Parcel nothing) {
        Check.all("serializable", SERIALIZABLE_BASE, Values.serializable(seed),
                new Object[] {parcel, decimal, integer, uuid, date, duration, nothing});
        Check.that("serializable", SERIALIZABLE_BASE + 10, parcel.inner != null && parcel.alias == parcel.inner,
                "a shared reference arrived as two objects");
        Check.that("serializable", SERIALIZABLE_BASE + 11, parcel.cache == null,
                "a transient field arrived: " + parcel.cache);
    }
}
