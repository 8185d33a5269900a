package io.multiprocessing4j.internal.wire;

import static io.multiprocessing4j.internal.wire.WireTesting.LOADER;
import static io.multiprocessing4j.internal.wire.WireTesting.decode;
import static io.multiprocessing4j.internal.wire.WireTesting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SerialFilterTest {

    /** A singly linked chain: each link is one level deeper in the serialized graph. */
    static final class Link implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;
        final Link next;

        Link(int value, Link next) {
            this.value = value;
            this.next = next;
        }

        static Link chain(int length) {
            Link head = null;
            for (int i = length; i > 0; i--) {
                head = new Link(i, head);
            }
            return head;
        }

        int length() {
            int n = 0;
            for (Link l = this; l != null; l = l.next) {
                n++;
            }
            return n;
        }
    }

    enum Unit { A, B }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void aGraphDeeperThanTheLimitIsRejected() {
        Encoder out = new Encoder();
        out.writeValue(Link.chain(1000)); // the encoder does not limit depth, only the reader does
        WireException e = assertThrows(WireException.class, () -> decode(out.toByteArray()));
        assertTrue(e.getCause() instanceof InvalidClassException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
    }

    @Test
    void theDepthLimitIsWhereItSaysItIs() throws Exception {
        assertEquals(50, ((Link) SerialFilter.read(serialize(Link.chain(50)), LOADER)).length());
        assertThrows(InvalidClassException.class, () -> SerialFilter.read(serialize(Link.chain(150)), LOADER));
    }

    @Test
    void ordinarySerializableValuesPass() {
        Object[] values = {Link.chain(20), new BigDecimal("3.14159265358979323846264338327950288"),
                UUID.randomUUID(), LocalDate.of(2024, 2, 29), Duration.ofNanos(123456789),
                new TreeMap<>(Map.of("a", List.of(1, 2), "b", List.of())), new LinkedList<>(List.of("x")),
                new EnumMap<>(Map.of(Unit.A, "a"))};
        for (Object value : values) {
            Object back = roundTrip(value);
            assertSame(value.getClass(), back.getClass());
            if (!(value instanceof Link)) {
                assertEquals(value, back);
            }
        }
        BitSet bits = new BitSet();
        bits.set(3);
        bits.set(300_000);
        assertEquals(bits, roundTrip(bits));
    }

    @Test
    void aLargeSerializedValuePasses() {
        // Many references and a big array are fine; the limits are about bombs, not size.
        ArrayList<Integer> many = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            many.add(i);
        }
        LinkedList<Integer> linked = new LinkedList<>(many);
        assertEquals(linked, roundTrip(linked));
        HashMap<Integer, long[]> arrays = new HashMap<>();
        arrays.put(1, new long[1 << 20]);
        TreeMap<Integer, long[]> sorted = new TreeMap<>(arrays);
        @SuppressWarnings("unchecked")
        TreeMap<Integer, long[]> back = (TreeMap<Integer, long[]>) roundTrip(sorted);
        assertArrayEquals(new long[1 << 20], back.get(1));
    }

    @Test
    void aClassMissingHereIsAWireException() throws Exception {
        byte[] stream = serialize(new Link(1, null));
        String name = Link.class.getName();
        String other = name.substring(0, name.length() - 1) + "X"; // same length, so the stream stays valid
        byte[] renamed = new String(stream, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace(name, other).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Encoder out = new Encoder();
        out.writeByte(Tag.SERIALIZED);
        out.writeByteArray(renamed);
        WireException e = assertThrows(WireException.class, () -> decode(out.toByteArray()));
        assertTrue(e.getMessage().contains(other), e.getMessage());
    }

    @Test
    void collectionsThatPresizeTheirTablesPass() {
        // Their readObject checks a table size up to 8 times the element count against the
        // filter before reading the elements; the bound on array lengths must allow that.
        HashMap<Integer, Integer> sparseMap = new HashMap<>(16, 0.25f);
        HashSet<Integer> sparseSet = new HashSet<>(16, 0.25f);
        for (int i = 0; i < 5000; i++) {
            sparseMap.put(i, 0);
            sparseSet.add(i);
        }
        Hashtable<Integer, Integer> table = new Hashtable<>(16, 0.25f);
        table.put(1, 2);
        IdentityHashMap<String, Integer> identity = new IdentityHashMap<>(1000);
        identity.put("one", 1);
        ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(1, 2, 3));
        PriorityQueue<Integer> queue = new PriorityQueue<>(List.of(3, 1, 2));
        LinkedList<Object> holder = new LinkedList<>(List.of(sparseMap, sparseSet, table, identity, deque, queue,
                new HashMap<>(16, 0.25f), new HashSet<>(Set.of(1))));

        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) roundTrip(holder);
        assertEquals(sparseMap, back.get(0));
        assertEquals(sparseSet, back.get(1));
        assertEquals(table, back.get(2));
        assertEquals(Map.of("one", 1), new HashMap<>((Map<?, ?>) back.get(3)));
        assertEquals(List.of(1, 2, 3), List.copyOf((ArrayDeque<?>) back.get(4)));
        assertEquals(1, ((PriorityQueue<?>) back.get(5)).peek());
        assertEquals(Map.of(), back.get(6));
        assertEquals(Set.of(1), back.get(7));
    }

    @Test
    void anArrayLongerThanTheStreamIsRejectedBeforeItIsAllocated() throws Exception {
        byte[] stream = serialize(new long[1000]);
        assertEquals(1000, ((long[]) SerialFilter.read(stream, LOADER)).length);
        // The same stream with the claimed length raised: more longs than it has bytes for.
        int at = stream.length - 8000 - 4;
        stream[at] = 0x01;
        assertThrows(InvalidClassException.class, () -> SerialFilter.read(stream, LOADER));
    }
}
