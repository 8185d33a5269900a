package io.multiprocessing4j.tests;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The argument values of the {@link Cargo} workers, computed from a seed: the parent calls these to
 * build the arguments, the child calls them again to know what it should have received. Each
 * returns the arguments in parameter order (after the seed).
 */
final class Values {

    /** Seed of the primitive and box tests that selects the edge values instead of random ones. */
    static final long EDGES = 0;
    /** Seed of the box test that selects all-null boxes. */
    static final long NULLS = -1;

    static final int LARGE_BYTES = 5 * 1024 * 1024;

    private Values() {}

    static Object[] primitives(long seed) {
        if (seed == EDGES) {
            return new Object[] {true, Byte.MIN_VALUE, Short.MIN_VALUE, Character.MAX_VALUE, Integer.MIN_VALUE,
                    Long.MAX_VALUE, Float.NaN, -0.0d};
        }
        Random r = new Random(seed);
        return new Object[] {r.nextBoolean(), (byte) r.nextInt(), (short) r.nextInt(), (char) r.nextInt(),
                r.nextInt(), r.nextLong(), r.nextFloat() * 1e10f, r.nextGaussian() * 1e300};
    }

    static Object[] boxes(long seed) {
        if (seed == NULLS) {
            return new Object[8];
        }
        if (seed == EDGES) {
            return new Object[] {false, Byte.MAX_VALUE, Short.MAX_VALUE, '\0', Integer.MAX_VALUE, Long.MIN_VALUE,
                    Float.NEGATIVE_INFINITY, Double.MIN_VALUE};
        }
        return primitives(seed);
    }

    static Object[] strings(long seed) {
        Random r = new Random(seed);
        return new Object[] {
            "plain ASCII, with punctuation: !\"#$%&'()*+,-./",
            "😀🚀 👩‍👩‍👧‍👦 🏳️‍🌈 𝄞 \uD83D\uDC4D\uD83C\uDFFD",
            "漢字かなカナ 한국어 中文测试 𠜎𠜱𠝹",
            "e\u0301 a\u0308 n\u0303 \u0915\u094D\u0937 Z\u0351\u0358\u035C\u0361 \u212B vs \u00C5",
            "",
            "before\u0000after\u0000",
            null,
            randomString(r, 2_000),
            randomString(r, 300_000),
        };
    }

    static Object[] unpairedSurrogates() {
        return new Object[] {"high \uD83D alone", "\uDE00 low first", "\uDE00\uD83D reversed"};
    }

    /** Random code points from all planes, skipping the surrogate range, so the string is valid UTF-16. */
    private static String randomString(Random r, int codePoints) {
        StringBuilder s = new StringBuilder(codePoints * 2);
        while (s.length() < codePoints) {
            int cp;
            switch (r.nextInt(4)) {
                case 0: cp = r.nextInt(0x80); break;
                case 1: cp = 0x80 + r.nextInt(0x800 - 0x80); break;
                case 2: cp = 0x800 + r.nextInt(0x10000 - 0x800); break;
                default: cp = 0x10000 + r.nextInt(0x110000 - 0x10000); break;
            }
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    static Object[] arrays(long seed) {
        Random r = new Random(seed);
        byte[] bytes = new byte[LARGE_BYTES];
        r.nextBytes(bytes);
        int[] ints = r.ints(1_000_000).toArray();
        long[] longs = r.longs(200_000).toArray();
        double[] doubles = r.doubles(200_000).toArray();
        doubles[0] = Double.NaN;
        doubles[1] = Double.NEGATIVE_INFINITY;
        doubles[2] = -0.0;
        float[] floats = new float[1000];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = r.nextFloat() - 0.5f;
        }
        short[] shorts = new short[1001];
        char[] chars = new char[1002];
        boolean[] booleans = new boolean[1003];
        for (int i = 0; i < shorts.length; i++) {
            shorts[i] = (short) r.nextInt();
        }
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) r.nextInt(); // surrogates included: a char[] is not text
        }
        for (int i = 0; i < booleans.length; i++) {
            booleans[i] = r.nextBoolean();
        }
        String[] strings = new String[10_000];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = i % 100 == 0 ? null : "s" + i + "-" + r.nextInt();
        }
        int[][] matrix = new int[100][];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = r.ints(100).toArray();
        }
        String[][] jagged = {{"a"}, null, {}, {"b", null, "c"}};
        Integer[] boxed = {1, null, -3, Integer.MIN_VALUE};
        return new Object[] {bytes, ints, longs, doubles, floats, shorts, chars, booleans, strings, matrix, jagged,
                boxed, new byte[0], new int[0], new String[0], new long[0][]};
    }

    static Object[] enums() {
        EnumMap<Color, Integer> byColor = new EnumMap<>(Color.class);
        byColor.put(Color.BLUE, 3);
        byColor.put(Color.RED, 1);
        Map<Op, String> byOp = new HashMap<>();
        byOp.put(Op.PLUS, "+");
        byOp.put(Op.TIMES, "*");
        return new Object[] {Color.GREEN, Op.PLUS, Op.TIMES, null, new Color[] {Color.BLUE, null, Color.RED},
                new Op[] {Op.TIMES, Op.PLUS}, List.of(Op.PLUS, Op.TIMES, Op.PLUS), byColor, byOp};
    }

    static Object[] enumSets() {
        return new Object[] {EnumSet.of(Color.RED, Color.BLUE), EnumSet.allOf(Color.class), EnumSet.noneOf(Op.class)};
    }

    static Object[] records(long seed) {
        Random r = new Random(seed);
        Point a = new Point(r.nextDouble(), r.nextDouble());
        Point b = new Point(-0.0, Double.NaN);
        Segment segment = new Segment(a, b, "a→b");
        Map<String, Point> anchors = new LinkedHashMap<>();
        anchors.put("origin", new Point(0, 0));
        anchors.put("a", a);
        Drawing inner = new Drawing("inner", List.of(), Map.of(), null, null);
        Drawing drawing = new Drawing("outer", List.of(segment, new Segment(b, a, null)), anchors, Color.BLUE, inner);
        Pair<String, Integer> pair = new Pair<>("answer", 42);
        Pair<List<Point>, Color> nested = new Pair<>(List.of(a, b), Color.RED);
        Point[] points = {a, null, b};
        Samples samples = new Samples("samples", r.ints(50).toArray(), 'Ω', (short) -7);
        return new Object[] {a, segment, drawing, new Empty(), pair, nested, null, points, samples};
    }

    static Object[] collections(long seed) {
        Random r = new Random(seed);
        List<Integer> listOf = List.of(r.nextInt(), r.nextInt(), r.nextInt());
        List<String> arrayList = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            arrayList.add("item-" + r.nextInt(1000));
        }
        LinkedList<String> linked = new LinkedList<>(List.of("x", "y", "z"));
        List<String> withNulls = Arrays.asList("a", null, "b", null);
        Set<String> setOf = Set.of("one", "two", "three");
        Set<Integer> hashSet = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            hashSet.add(r.nextInt());
        }
        Set<String> linkedHashSet = new LinkedHashSet<>(List.of("zeta", "alpha", "mu", "beta"));
        Map<String, Integer> mapOf = Map.of("a", 1, "b", 2, "c", 3);
        Map<String, Integer> withNullKey = new HashMap<>();
        withNullKey.put(null, 0);
        withNullKey.put("one", null);
        TreeMap<String, List<Integer>> tree = new TreeMap<>();
        tree.put("b", List.of(2, 2));
        tree.put("a", new ArrayList<>(List.of(1)));
        tree.put("c", List.of());
        TreeMap<String, Integer> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.put("Alpha", 1);
        caseInsensitive.put("beta", 2);
        Map<String, Map<Integer, List<String>>> nested = new LinkedHashMap<>();
        nested.put("outer", Map.of(1, List.of("x"), 2, List.of()));
        nested.put("empty", Map.of());
        List<List<Double>> lists = List.of(List.of(1.5, -0.0), List.of(), List.of(Double.NaN));
        return new Object[] {listOf, arrayList, linked, withNulls, List.of(), setOf, hashSet, linkedHashSet, mapOf,
                withNullKey, tree, caseInsensitive, nested, lists, Map.of()};
    }

    static Object[] serializable(long seed) {
        Random r = new Random(seed);
        Parcel inner = new Parcel("inner", new int[0], new ArrayList<>(), Op.TIMES, null);
        Parcel parcel = new Parcel("parcel ✉", r.ints(20).toArray(), new ArrayList<>(List.of("fragile", "📦")),
                Op.PLUS, inner);
        return new Object[] {parcel, new BigDecimal("-1234567890.0987654321E-20"),
                new BigInteger(200, r), new UUID(r.nextLong(), r.nextLong()), LocalDate.of(2024, 2, 29),
                java.time.Duration.ofNanos(r.nextLong()), null};
    }
}
