package io.multiprocessing4j.internal.wire;

import static io.multiprocessing4j.internal.wire.WireTesting.LOADER;
import static io.multiprocessing4j.internal.wire.WireTesting.decoder;
import static io.multiprocessing4j.internal.wire.WireTesting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {

    // ------------------------------------------------------------------ types carried

    enum Color { RED, GREEN, BLUE }

    /** Constants with bodies are instances of anonymous subclasses; the wire must name the enum. */
    enum Op implements IntBinaryOperator {
        PLUS { @Override public int applyAsInt(int a, int b) { return a + b; } },
        TIMES { @Override public int applyAsInt(int a, int b) { return a * b; } }
    }

    record Point(int x, int y) {}

    record Line(Point from, Point to, Color color) {}

    record Polygon(String name, List<Point> points) {}

    record Nullable(String text, Integer number, Point point, List<String> list) {}

    record AllPrimitives(boolean z, byte b, short s, char c, int i, long l, float f, double d) {}

    private record Secret(String value, long[] digits) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Secret s && s.value.equals(value) && Arrays.equals(s.digits, digits);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    record Order(String id, Map<String, List<Point>> routes, Color[] palette, Set<Color> tags) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Order o && o.id.equals(id) && o.routes.equals(routes)
                    && Arrays.equals(o.palette, palette) && o.tags.equals(tags);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    static final class Money implements Serializable {
        private static final long serialVersionUID = 1L;
        final String currency;
        final long cents;

        Money(String currency, long cents) {
            this.currency = currency;
            this.cents = cents;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Money m && m.currency.equals(currency) && m.cents == cents;
        }

        @Override
        public int hashCode() {
            return Objects.hash(currency, cents);
        }
    }

    // ------------------------------------------------------------------ scalars

    private static void assertSameValue(Object value) {
        Object back = roundTrip(value);
        assertEquals(value, back);
        if (value != null) {
            assertSame(value.getClass(), back.getClass());
        }
    }

    @Test
    void null_() {
        assertNull(roundTrip(null));
    }

    @Test
    void booleans() {
        assertSame(Boolean.TRUE, roundTrip(true));
        assertSame(Boolean.FALSE, roundTrip(false));
    }

    @Test
    void integralBoxesAtTheirEdges() {
        for (byte b : new byte[] {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE}) {
            assertSameValue(b);
        }
        for (short s : new short[] {Short.MIN_VALUE, -1, 0, 1, Short.MAX_VALUE}) {
            assertSameValue(s);
        }
        for (int i : new int[] {Integer.MIN_VALUE, -1, 0, 1, 127, 128, Integer.MAX_VALUE}) {
            assertSameValue(i);
        }
        for (long l : new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}) {
            assertSameValue(l);
        }
    }

    @Test
    void chars() {
        for (char c : new char[] {'\u0000', 'a', '\u00e9', '\ud800', '\udfff', '\ufffe', '\uffff'}) {
            assertSameValue(c);
        }
    }

    @Test
    void floatingPointKeepsItsBits() {
        double[] doubles = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
                Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.longBitsToDouble(0x7ff8_0000_0000_0001L), Math.PI};
        for (double d : doubles) {
            Object back = roundTrip(d);
            assertSame(Double.class, back.getClass());
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) back), "" + d);
        }
        float[] floats = {0.0f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc0_0001), 1.1f};
        for (float f : floats) {
            Object back = roundTrip(f);
            assertSame(Float.class, back.getClass());
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) back), "" + f);
        }
    }

    // ------------------------------------------------------------------ strings

    @Test
    void strings() {
        for (String s : new String[] {"", "a", "hello, world", "caf\u00e9", "\u4e2d\u6587\u5b57\u7b26",
                "\ud83d\ude00 grin \ud83c\uddeb\ud83c\uddf7", "\u0000nul\u0000", "tab\tnew\nline"}) {
            assertSameValue(s);
        }
    }

    @Test
    void aMegabyteString() {
        StringBuilder text = new StringBuilder(1 << 20);
        Random random = new Random(1);
        while (text.length() < (1 << 20)) {
            text.append((char) ('a' + random.nextInt(26))).append("\u00e9\u4e2d\ud83d\ude00");
        }
        assertSameValue(text.toString());
    }

    @Test
    void unpairedSurrogatesSurvive() {
        // A string cut in the middle of an emoji is still a valid Java string and must arrive
        // unchanged, not with '?' in place of the half it kept.
        String grin = "\ud83d\ude00";
        for (String s : new String[] {grin.substring(0, 1), "x" + grin.substring(1), "\udc00\ud800",
                "ok" + grin + grin.substring(0, 1)}) {
            assertSameValue(s);
            assertEquals(new Nullable(s, null, null, null), roundTrip(new Nullable(s, null, null, null)));
        }
    }

    // ------------------------------------------------------------------ arrays

    @Test
    void emptyPrimitiveArrays() {
        assertArrayEquals(new boolean[0], (boolean[]) roundTrip(new boolean[0]));
        assertArrayEquals(new byte[0], (byte[]) roundTrip(new byte[0]));
        assertArrayEquals(new short[0], (short[]) roundTrip(new short[0]));
        assertArrayEquals(new char[0], (char[]) roundTrip(new char[0]));
        assertArrayEquals(new int[0], (int[]) roundTrip(new int[0]));
        assertArrayEquals(new long[0], (long[]) roundTrip(new long[0]));
        assertArrayEquals(new float[0], (float[]) roundTrip(new float[0]));
        assertArrayEquals(new double[0], (double[]) roundTrip(new double[0]));
    }

    @Test
    void largePrimitiveArrays() {
        int n = 300_000;
        Random random = new Random(2);
        boolean[] z = new boolean[n];
        byte[] b = new byte[n];
        short[] s = new short[n];
        char[] c = new char[n];
        int[] i = new int[n];
        long[] l = new long[n];
        float[] f = new float[n];
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            z[k] = random.nextBoolean();
            b[k] = (byte) random.nextInt();
            s[k] = (short) random.nextInt();
            c[k] = (char) random.nextInt();
            i[k] = random.nextInt();
            l[k] = random.nextLong();
            f[k] = Float.intBitsToFloat(random.nextInt());
            d[k] = Double.longBitsToDouble(random.nextLong());
        }
        assertArrayEquals(z, (boolean[]) roundTrip(z));
        assertArrayEquals(b, (byte[]) roundTrip(b));
        assertArrayEquals(s, (short[]) roundTrip(s));
        assertArrayEquals(c, (char[]) roundTrip(c));
        assertArrayEquals(i, (int[]) roundTrip(i));
        assertArrayEquals(l, (long[]) roundTrip(l));
        float[] fBack = (float[]) roundTrip(f);
        double[] dBack = (double[]) roundTrip(d);
        for (int k = 0; k < n; k++) {
            assertEquals(Float.floatToRawIntBits(f[k]), Float.floatToRawIntBits(fBack[k]));
            assertEquals(Double.doubleToRawLongBits(d[k]), Double.doubleToRawLongBits(dBack[k]));
        }
    }

    @Test
    void arraysOfReferencesKeepTheirComponentType() {
        Object[] objects = {1, "two", 3.0, null, List.of(4)};
        Object back = roundTrip(objects);
        assertSame(Object[].class, back.getClass());
        assertArrayEquals(objects, (Object[]) back);

        String[] strings = {"a", null, ""};
        back = roundTrip(strings);
        assertSame(String[].class, back.getClass());
        assertArrayEquals(strings, (String[]) back);

        Integer[] integers = {1, null, Integer.MIN_VALUE};
        back = roundTrip(integers);
        assertSame(Integer[].class, back.getClass());
        assertArrayEquals(integers, (Integer[]) back);

        Number[] numbers = {1, 2L, 3.5f};
        back = roundTrip(numbers);
        assertSame(Number[].class, back.getClass());
        assertArrayEquals(numbers, (Number[]) back);

        assertSame(String[].class, roundTrip(new String[0]).getClass());
        Point[] points = {new Point(1, 2), null};
        back = roundTrip(points);
        assertSame(Point[].class, back.getClass());
        assertArrayEquals(points, (Point[]) back);
        Color[] colors = {Color.BLUE, Color.RED};
        assertArrayEquals(colors, (Color[]) roundTrip(colors));
    }

    @Test
    void twoDimensionalArrays() {
        int[][] grid = {{1, 2, 3}, {}, null, {Integer.MAX_VALUE}};
        Object back = roundTrip(grid);
        assertSame(int[][].class, back.getClass());
        assertArrayEquals(grid, (int[][]) back);

        String[][] table = {{"a", "b"}, {null}, {}};
        back = roundTrip(table);
        assertSame(String[][].class, back.getClass());
        assertArrayEquals(table, (String[][]) back);

        double[][][] cube = {{{1.5}}, {{}, {2.5, 3.5}}};
        back = roundTrip(cube);
        assertSame(double[][][].class, back.getClass());
        assertArrayEquals(cube, (double[][][]) back);
    }

    // ------------------------------------------------------------------ enums and records

    @Test
    void enums() {
        for (Color color : Color.values()) {
            assertSame(color, roundTrip(color));
        }
        for (Op op : Op.values()) {
            assertSame(op, roundTrip(op));
        }
        assertSame(Thread.State.BLOCKED, roundTrip(Thread.State.BLOCKED));
        assertArrayEquals(Op.values(), (Op[]) roundTrip(Op.values()));
    }

    @Test
    void records() {
        assertSameValue(new Point(-1, Integer.MAX_VALUE));
        assertSameValue(new Line(new Point(0, 0), new Point(3, 4), Color.GREEN));
        assertSameValue(new AllPrimitives(true, (byte) -7, Short.MIN_VALUE, '\uffff', -1, Long.MAX_VALUE,
                Float.MIN_VALUE, -0.0));
    }

    @Test
    void aRecordHoldingAListOfRecords() {
        Polygon triangle = new Polygon("triangle", List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1)));
        Polygon back = (Polygon) roundTrip(triangle);
        assertEquals(triangle, back);
        assertSame(ArrayList.class, back.points().getClass());
    }

    @Test
    void aRecordWithNullComponents() {
        assertSameValue(new Nullable(null, null, null, null));
        assertSameValue(new Nullable("x", 1, new Point(1, 1), Arrays.asList("a", null)));
    }

    @Test
    void aPrivateNestedRecord() {
        assertSameValue(new Secret("pin", new long[] {1, 2, 3, 4}));
    }

    @Test
    void aLocalRecord() {
        record Local(String name, Point where) {}
        assertSameValue(new Local("here", new Point(5, 6)));
    }

    // ------------------------------------------------------------------ collections

    @Test
    void listsDecodeAsArrayList() {
        List<?>[] lists = {new ArrayList<>(List.of(1, 2, 3)), List.of("a", "b"), List.of(), Arrays.asList(1, null, 3),
                Collections.unmodifiableList(new ArrayList<>(List.of(1.5))), Collections.emptyList(),
                new ArrayList<>(List.of(1, 2, 3, 4)).subList(1, 3), Collections.singletonList("one")};
        for (List<?> list : lists) {
            Object back = roundTrip(list);
            assertSame(ArrayList.class, back.getClass(), list.getClass().getName());
            assertEquals(list, back);
        }
    }

    @Test
    void publicJdkCollectionsKeepTheirClass() {
        Object[] values = {new LinkedList<>(List.of(1, 2, 3)), new TreeMap<>(Map.of("b", 2, "a", 1)),
                new TreeSet<>(Set.of("z", "y")), new CopyOnWriteArrayList<>(List.of("c", "o", "w"))};
        for (Object value : values) {
            assertSameValue(value);
        }
    }

    @Test
    void enumSetsStayEnumSets() {
        // EnumSet is public and Serializable, so a task may declare an EnumSet parameter; its
        // implementations are package-private JDK classes, which must not turn it into a LinkedHashSet.
        EnumSet<Color> set = EnumSet.of(Color.RED, Color.BLUE);
        Object back = roundTrip(set);
        assertTrue(back instanceof EnumSet, back.getClass().getName());
        assertEquals(set, back);
        assertTrue(roundTrip(EnumSet.noneOf(Color.class)) instanceof EnumSet);
    }

    @Test
    void maps() {
        HashMap<String, Integer> hash = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            hash.put("k" + i, i);
        }
        assertSameValue(hash);
        assertSameValue(new HashMap<>());

        LinkedHashMap<String, Integer> linked = new LinkedHashMap<>();
        for (int i = 100; i > 0; i--) {
            linked.put("k" + i, i);
        }
        Object back = roundTrip(linked);
        assertSame(LinkedHashMap.class, back.getClass());
        assertEquals(List.copyOf(linked.keySet()), List.copyOf(((Map<?, ?>) back).keySet()));

        Map<String, Integer> immutable = Map.of("one", 1, "two", 2, "three", 3);
        back = roundTrip(immutable);
        assertEquals(immutable, back);
        assertEquals(List.copyOf(immutable.keySet()), List.copyOf(((Map<?, ?>) back).keySet()));
        assertEquals(Map.of(), roundTrip(Map.of()));
        assertEquals(Map.of(1, 2), roundTrip(Collections.unmodifiableMap(new HashMap<>(Map.of(1, 2)))));
    }

    @Test
    void mapsWithNullKeysAndValues() {
        HashMap<String, String> hash = new HashMap<>();
        hash.put(null, "null key");
        hash.put("null value", null);
        assertSameValue(hash);

        LinkedHashMap<Object, Object> linked = new LinkedHashMap<>();
        linked.put("b", null);
        linked.put(null, null);
        linked.put("a", 1);
        Object back = roundTrip(linked);
        assertEquals(linked, back);
        assertEquals(Arrays.asList("b", null, "a"), new ArrayList<>(((Map<?, ?>) back).keySet()));
    }

    @Test
    void sets() {
        HashSet<Integer> hash = new HashSet<>(List.of(5, 3, 1, 4));
        hash.add(null);
        assertSameValue(hash);

        LinkedHashSet<String> linked = new LinkedHashSet<>(List.of("z", "a", "m"));
        Object back = roundTrip(linked);
        assertSame(LinkedHashSet.class, back.getClass());
        assertEquals(List.copyOf(linked), List.copyOf((Set<?>) back));

        Set<String> immutable = Set.of("x", "y", "z");
        back = roundTrip(immutable);
        assertEquals(immutable, back);
        assertEquals(Set.of(), roundTrip(Set.of()));
    }

    @Test
    void aUserSerializableClass() {
        assertSameValue(new Money("EUR", 1999));
        assertEquals(List.of(new Money("USD", 1), new Money("USD", 1)),
                roundTrip(List.of(new Money("USD", 1), new Money("USD", 1))));
    }

    @Test
    void mixedNesting() {
        Map<String, List<Point>> routes = new LinkedHashMap<>();
        routes.put("north", List.of(new Point(0, 0), new Point(0, 9)));
        routes.put("nowhere", List.of());
        routes.put("unknown", null);
        Order order = new Order("o-1", routes, new Color[] {Color.RED, null}, new LinkedHashSet<>(List.of(Color.BLUE)));
        Map<Object, Object> everything = new LinkedHashMap<>();
        everything.put("order", order);
        everything.put(1, new Object[] {new int[] {1}, List.of(Map.of("k", new Money("GBP", 5))), Op.TIMES});
        everything.put(Color.GREEN, new TreeMap<>(Map.of("t", List.of(Set.of('c')))));
        everything.put(new Point(1, 2), "record key");

        @SuppressWarnings("unchecked")
        Map<Object, Object> back = (Map<Object, Object>) roundTrip(everything);
        assertEquals(List.copyOf(everything.keySet()), List.copyOf(back.keySet()));
        assertEquals(order, back.get("order"));
        Object[] array = (Object[]) back.get(1);
        assertArrayEquals(new int[] {1}, (int[]) array[0]);
        assertEquals(List.of(Map.of("k", new Money("GBP", 5))), array[1]);
        assertSame(Op.TIMES, array[2]);
        assertEquals(new TreeMap<>(Map.of("t", List.of(Set.of('c')))), back.get(Color.GREEN));
        assertEquals("record key", back.get(new Point(1, 2)));
    }

    // ------------------------------------------------------------------ one message, many values

    @Test
    void valuesInOneMessageShareTheClassTable() {
        Encoder out = new Encoder();
        out.writeValue(new Point(1, 2));
        int once = out.size();
        out.writeValue(new Point(3, 4));
        int twice = out.size() - once;
        assertTrue(twice < once, "a class named again should cost a number, not its name: " + once + " then " + twice);
        out.writeValue(Color.RED);
        out.writeValue(new Line(new Point(5, 6), new Point(7, 8), Color.BLUE));
        out.writeValue(new Point[] {new Point(9, 9)});
        out.writeInt(42);
        out.writeValue(Color.RED);

        Decoder in = decoder(out.toByteArray());
        assertEquals(new Point(1, 2), in.readValue());
        assertEquals(new Point(3, 4), in.readValue());
        assertSame(Color.RED, in.readValue());
        assertEquals(new Line(new Point(5, 6), new Point(7, 8), Color.BLUE), in.readValue());
        assertArrayEquals(new Point[] {new Point(9, 9)}, (Point[]) in.readValue());
        assertEquals(42, in.readInt());
        assertSame(Color.RED, in.readValue());
        assertFalse(in.hasRemaining());
    }

    @Test
    void consecutiveTasksOfOneMethodShareOneTargetHeader() {
        String dispatcher = "com.example.Dispatcher";
        String square = "Example.square";
        String cube = "Example.cube";
        Encoder out = new Encoder();
        TaskCodec.write(out, dispatcher, 0, square, new Object[] {1});
        int first = out.size();
        TaskCodec.write(out, dispatcher, 0, square, new Object[] {2});
        assertEquals(1 + 1 + 5, out.size() - first, "a repeated target is one byte, then the count and the int");
        TaskCodec.write(out, dispatcher, 1, cube, new Object[] {3});
        TaskCodec.write(out, dispatcher, 1, cube, new Object[] {4});

        Decoder in = decoder(out.toByteArray());
        TaskCodec.Call one = TaskCodec.read(in);
        TaskCodec.Call two = TaskCodec.read(in);
        TaskCodec.Call three = TaskCodec.read(in);
        TaskCodec.Call four = TaskCodec.read(in);
        assertSame(one.target, two.target, "the reader shares one target, and so one dispatcher lookup");
        assertSame(three.target, four.target);
        assertEquals(square, one.target.name);
        assertEquals(0, one.target.method);
        assertEquals(cube, four.target.name);
        assertEquals(1, four.target.method);
        assertEquals(List.of(1, 2, 3, 4), List.of(one.arguments[0], two.arguments[0], three.arguments[0], four.arguments[0]));
        assertFalse(in.hasRemaining());
    }

    @Test
    void primitivesAndStringsOutsideValues() {
        Encoder out = new Encoder(0);
        out.writeByte(-1);
        out.writeBoolean(true);
        out.writeInt(Integer.MIN_VALUE);
        out.writeLong(Long.MIN_VALUE);
        for (int v : new int[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE}) {
            out.writeVarInt(v);
        }
        out.writeString(null);
        out.writeString("");
        out.writeString("\u00e9");
        out.writeByteArray(new byte[] {1, 2, 3});
        int at = out.reserveInt();
        int atLong = out.reserveLong();
        out.putInt(at, 77);
        out.putLong(atLong, -77L);

        Decoder in = decoder(out.toByteArray());
        assertEquals(-1, in.readByte());
        assertTrue(in.readBoolean());
        assertEquals(Integer.MIN_VALUE, in.readInt());
        assertEquals(Long.MIN_VALUE, in.readLong());
        for (int v : new int[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE}) {
            assertEquals(v, in.readVarInt());
        }
        assertNull(in.readString());
        assertEquals("", in.readString());
        assertEquals("\u00e9", in.readString());
        assertArrayEquals(new byte[] {1, 2, 3}, in.readByteArray());
        assertEquals(77, in.readInt());
        assertEquals(-77L, in.readLong());
        assertFalse(in.hasRemaining());
    }

    @Test
    void decodingFromTheMiddleOfABiggerArray() {
        // A frame body need not start at offset 0 of its array.
        Encoder out = new Encoder();
        out.writeValue(List.of("caf\u00e9", new int[] {1, 2}, new double[] {0.5}, new Point(1, 2)));
        byte[] message = out.toByteArray();
        byte[] padded = new byte[message.length + 13];
        System.arraycopy(message, 0, padded, 7, message.length);
        ByteBuffer slice = ByteBuffer.wrap(padded, 7, message.length).slice();
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) new Decoder(slice, LOADER).readValue();
        assertEquals("caf\u00e9", back.get(0));
        assertArrayEquals(new int[] {1, 2}, (int[]) back.get(1));
        assertArrayEquals(new double[] {0.5}, (double[]) back.get(2));
        assertEquals(new Point(1, 2), back.get(3));
    }

    @Test
    void anEncoderIsReusableAfterReset() {
        Encoder out = new Encoder();
        out.writeValue(new Point(1, 1));
        TaskCodec.write(out, "d", 0, "s", new Object[0]);
        out.reset();
        assertEquals(0, out.size());
        out.writeValue(new Point(2, 2));
        TaskCodec.write(out, "d", 0, "s", new Object[0]);
        Decoder in = decoder(out.toByteArray());
        assertEquals(new Point(2, 2), in.readValue());
        assertEquals("s", TaskCodec.read(in).target.name, "after a reset the target is written in full again");

        out.writeValue(new byte[3 << 20]);
        out.reset();
        out.writeValue("small again");
        assertEquals("small again", decoder(out.toByteArray()).readValue());
    }
}
