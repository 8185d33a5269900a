package io.multiprocessing4j.internal.wire;

import static io.multiprocessing4j.internal.wire.WireTesting.assertAllocatesLessThan;
import static io.multiprocessing4j.internal.wire.WireTesting.decode;
import static io.multiprocessing4j.internal.wire.WireTesting.decoder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CodecErrorsTest {

    /** Neither a record nor Serializable. */
    static final class Handle {
        @Override
        public String toString() {
            return "a handle";
        }
    }

    static final class HoldsAHandle implements Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // on purpose: that is what the test is about
        final Object handle = new Handle();
    }

    record Customer(String name, Object account) {}

    record Order(String id, Object customer) {}

    record Basket(List<Object> items) {}

    record Point(int x, int y) {}

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("not positive: " + value);
            }
        }
    }

    record Throwing(String value) {
        @Override
        public String value() {
            throw new IllegalStateException("no value today");
        }
    }

    enum Color { RED }

    // ------------------------------------------------------------------ encoding

    private static WireException encodeFails(Object value) {
        return assertThrows(WireException.class, () -> new Encoder().writeValue(value));
    }

    @Test
    void aValueThatIsNeitherRecordNorSerializable() {
        WireException e = encodeFails(new Handle());
        assertEquals("", e.path());
        assertTrue(e.getMessage().contains(Handle.class.getName()), e.getMessage());
        assertTrue(encodeFails(new Thread()).getMessage().contains("java.lang.Thread"));
    }

    @Test
    void theEncodingErrorSaysWhereInsideAList() {
        List<Object> orders = List.of(new Order("a", null), new Order("b", "c"), new Order("c", new Handle()));
        WireException e = encodeFails(orders);
        assertEquals("[2].customer", e.path());
        assertTrue(e.getMessage().startsWith("[2].customer: "), e.getMessage());
        assertTrue(e.problem().contains(Handle.class.getName()), e.problem());
    }

    @Test
    void theEncodingErrorSaysWhereInsideRecordsMapsAndArrays() {
        assertEquals("customer.account", encodeFails(new Order("x", new Customer("y", new Handle()))).path());

        Map<String, Object> map = new LinkedHashMap<>();
        map.put("fine", 1);
        map.put("bad", new Handle());
        assertEquals("[bad]", encodeFails(map).path());
        HashMap<Object, Object> badKey = new HashMap<>();
        badKey.put(new Handle(), 1);
        assertEquals("[key 0]", encodeFails(badKey).path());

        assertEquals("[1]", encodeFails(new Object[] {1, new Handle()}).path());
        assertEquals("[0].account", encodeFails(new Customer[] {new Customer("z", new Handle())}).path());

        Object deep = new Basket(List.of("x", Map.of("k", new Object[] {null, new Order("o", new Handle())})));
        WireException e = encodeFails(deep);
        assertEquals("items[1][k][1].customer", e.path());
        assertTrue(e.getMessage().contains(Handle.class.getName()), e.getMessage());
    }

    @Test
    void aSerializableValueHoldingSomethingThatIsNot() {
        WireException e = encodeFails(List.of(new HoldsAHandle()));
        assertEquals("[0]", e.path());
        assertTrue(e.getMessage().contains(HoldsAHandle.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(Handle.class.getName()), e.getMessage());
    }

    @Test
    void anAccessorThatThrows() {
        WireException e = encodeFails(List.of(new Throwing("x")));
        assertEquals("[0].value", e.path());
        assertTrue(e.getMessage().contains("no value today"), e.getMessage());
    }

    @Test
    void theEncoderKeepsWorkingAfterTruncate() {
        Encoder out = new Encoder();
        out.writeValue(new Point(0, 0));
        int mark = out.size();
        assertThrows(WireException.class, () -> out.writeValue(List.of(new Point(1, 1), new Order("o", new Handle()))));
        out.truncate(mark);
        out.writeValue(new Point(2, 2));
        out.writeValue(new Order("p", new Point(3, 3)));
        out.writeValue(List.of(Color.RED));

        Decoder in = decoder(out.toByteArray());
        assertEquals(new Point(0, 0), in.readValue());
        assertEquals(new Point(2, 2), in.readValue());
        assertEquals(new Order("p", new Point(3, 3)), in.readValue());
        assertEquals(List.of(Color.RED), in.readValue());
        assertFalse(in.hasRemaining());
    }

    @Test
    void truncateForgetsTheClassesAndTargetsItDrops() {
        // A pool worker writes a chunk's results into one encoder and truncates a result that
        // cannot be sent. A class first named inside the dropped bytes must be named again later,
        // or the parent resolves the later reference to the wrong class, or to none.
        Encoder out = new Encoder();
        int mark = out.size();
        assertThrows(WireException.class, () -> out.writeValue(new Order("o", new Customer("c", new Handle()))));
        out.truncate(mark);
        out.writeValue(new Point(1, 2));
        out.writeValue(new Customer("d", null));
        out.writeValue(new Order("p", null));

        Decoder in = decoder(out.toByteArray());
        assertEquals(new Point(1, 2), in.readValue());
        assertEquals(new Customer("d", null), in.readValue());
        assertEquals(new Order("p", null), in.readValue());

        TasksFrame tasks = new TasksFrame(7, 0, 1);
        int start = tasks.encode().size();
        IllegalArgumentException unsendable = assertThrows(IllegalArgumentException.class,
                () -> tasks.add(FramesTestDispatcher.work("a", new Handle())));
        assertEquals("cannot send parameter 2 (java.lang.Object handle) of Frames.work: "
                + unsendable.getCause().getMessage(), unsendable.getMessage(), "named by its parameter");
        assertEquals(start, tasks.encode().size(), "a failed add leaves the frame as it was");
        tasks.add(FramesTestDispatcher.work("b", 1));
        TasksFrame received = TasksFrame.read(tasks.encode().toByteArray());
        assertEquals(7, received.unitId);
        assertEquals(1, received.count);
        TaskCodec.Call call = received.tasks(WireTesting.LOADER).next();
        assertEquals(FramesTestDispatcher.class.getName(), call.target.dispatcher);
        assertEquals(0, call.target.method);
        assertEquals("Frames.work", call.target.name);
        assertEquals(List.of("b", 1), Arrays.asList(call.arguments));
    }

    record Name(String value) {}

    record Label(String value) {}

    @Test
    void aDroppedClassIsNeverConfusedWithAnother() {
        Encoder out = new Encoder();
        assertThrows(WireException.class, () -> out.writeValue(List.of(new Name("n"), new Handle())));
        out.truncate(0);
        out.writeValue(new Label("l"));
        out.writeValue(new Name("m"));
        Decoder in = decoder(out.toByteArray());
        assertEquals(new Label("l"), in.readValue());
        assertEquals(new Name("m"), in.readValue(), "not a Label");
    }

    @Test
    void taskCodecNamesTheArgument() {
        WireException e = assertThrows(WireException.class, () -> TaskCodec.write(new Encoder(), "D", 0, "t",
                new Object[] {"fine", new Order("o", new Handle())}));
        assertEquals("argument 1.customer", e.path());
    }

    // ------------------------------------------------------------------ decoding

    /** Bytes built with the encoder's primitives, so that each test says what it forges. */
    private static byte[] message(Consumer<Encoder> writer) {
        Encoder out = new Encoder();
        writer.accept(out);
        return out.toByteArray();
    }

    private static WireException decodeFails(byte[] message) {
        return assertThrows(WireException.class, () -> decode(message));
    }

    @Test
    void unknownTags() {
        for (int tag : new int[] {Tag.MANAGER_PROXY + 1, 99, 127, -1, -128}) {
            WireException e = decodeFails(new byte[] {(byte) tag});
            assertTrue(e.getMessage().contains("tag"), e.getMessage());
        }
    }

    @Test
    void anEmptyOrTruncatedMessage() {
        decodeFails(new byte[0]);
        decodeFails(new byte[] {Tag.INT, 0, 0});
        decodeFails(new byte[] {Tag.LONG, 0, 0, 0, 0});
        decodeFails(new byte[] {Tag.DOUBLE});
        decodeFails(new byte[] {Tag.CHAR, 1});
        decodeFails(new byte[] {Tag.STRING});
        decodeFails(new byte[] {Tag.ARRAY_LIST, 0, 0});
        decodeFails(new byte[] {Tag.ARRAY_LIST, 0, 0, 0, 2, Tag.INT, 0, 0, 0, 1});
        decodeFails(new byte[] {Tag.HASH_MAP, 0, 0, 0, 1, Tag.NULL});
        decodeFails(new byte[] {Tag.OBJECT_ARRAY, 1});
        byte[] full = message(out -> out.writeValue(List.of(new Point(1, 2), Map.of("k", new int[] {1, 2, 3}))));
        for (int length = 0; length < full.length; length++) {
            decodeFails(Arrays.copyOf(full, length));
        }
    }

    @Test
    void lengthsThatOverrunTheMessage() {
        decodeFails(message(out -> {
            out.writeByte(Tag.STRING);
            out.writeVarInt(1000);
            out.writeRaw(new byte[] {'a', 'b', 'c'}, 0, 3);
        }));
        for (byte tag : new byte[] {Tag.BYTE_ARRAY, Tag.BOOLEAN_ARRAY, Tag.SHORT_ARRAY, Tag.CHAR_ARRAY, Tag.INT_ARRAY,
                Tag.FLOAT_ARRAY, Tag.LONG_ARRAY, Tag.DOUBLE_ARRAY}) {
            decodeFails(message(out -> {
                out.writeByte(tag);
                out.writeVarInt(3);
                out.writeByte(1);
            }));
        }
    }

    @Test
    void aHugeClaimedLengthFailsWithoutAllocating() {
        List<byte[]> messages = new ArrayList<>();
        for (byte tag : new byte[] {Tag.STRING, Tag.BYTE_ARRAY, Tag.BOOLEAN_ARRAY, Tag.SHORT_ARRAY, Tag.CHAR_ARRAY,
                Tag.INT_ARRAY, Tag.FLOAT_ARRAY, Tag.LONG_ARRAY, Tag.DOUBLE_ARRAY}) {
            messages.add(message(out -> {
                out.writeByte(tag);
                out.writeVarInt(Integer.MAX_VALUE);
                out.writeInt(0);
            }));
        }
        messages.add(message(out -> {
            out.writeByte(Tag.OBJECT_ARRAY);
            out.writeClass(String.class);
            out.writeVarInt(Integer.MAX_VALUE);
        }));
        for (byte tag : new byte[] {Tag.ARRAY_LIST, Tag.HASH_SET, Tag.LINKED_HASH_SET, Tag.HASH_MAP,
                Tag.LINKED_HASH_MAP}) {
            messages.add(message(out -> {
                out.writeByte(tag);
                out.writeInt(Integer.MAX_VALUE);
                out.writeInt(0);
            }));
        }
        // A serialized long[] of the filter's largest allowed length would be 2 GiB.
        messages.add(message(out -> {
            out.writeByte(Tag.SERIALIZED);
            out.writeByteArray(serializedArrayHeader("[J", (1 << 28)));
        }));
        messages.add(message(out -> {
            out.writeByte(Tag.SERIALIZED);
            out.writeByteArray(serializedArrayHeader("[B", Integer.MAX_VALUE));
        }));
        for (byte[] message : messages) {
            assertTrue(message.length < 400);
            assertAllocatesLessThan(1 << 20, () -> decodeFails(message));
        }
    }

    /**
     * The start of a JDK-serialized array of {@code length} elements of type {@code descriptor}
     * with no elements after it: what a corrupt or hostile stream looks like.
     */
    private static byte[] serializedArrayHeader(String descriptor, int length) {
        try {
            Object sample = descriptor.equals("[J") ? new long[0] : new byte[0];
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(sample);
            }
            byte[] stream = bytes.toByteArray();
            // An empty array is written last as its length, an int 0: claim a bigger one.
            int at = stream.length - 4;
            stream[at] = (byte) (length >>> 24);
            stream[at + 1] = (byte) (length >>> 16);
            stream[at + 2] = (byte) (length >>> 8);
            stream[at + 3] = (byte) length;
            return stream;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void malformedVarInts() {
        decodeFails(new byte[] {Tag.STRING, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1});
        decodeFails(new byte[] {Tag.INT_ARRAY, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
    }

    @Test
    void classesThatDoNotExist() {
        for (byte tag : new byte[] {Tag.ENUM, Tag.RECORD, Tag.OBJECT_ARRAY}) {
            WireException e = decodeFails(message(out -> {
                out.writeByte(tag);
                out.writeVarInt(0);
                out.writeString("com.example.NoSuchClass");
                out.writeString("A");
            }));
            assertTrue(e.getMessage().contains("com.example.NoSuchClass"), e.getMessage());
        }
        decodeFails(message(out -> {
            out.writeByte(Tag.RECORD);
            out.writeVarInt(0);
            out.writeString("");
        }));
    }

    @Test
    void aMissingClassName() {
        for (byte tag : new byte[] {Tag.ENUM, Tag.RECORD, Tag.OBJECT_ARRAY}) {
            decodeFails(message(out -> {
                out.writeByte(tag);
                out.writeVarInt(0);
                out.writeString(null);
                out.writeVarInt(0);
            }));
        }
    }

    @Test
    void classReferencesThatWereNeverDefined() {
        decodeFails(message(out -> {
            out.writeByte(Tag.RECORD);
            out.writeVarInt(1);
        }));
        decodeFails(message(out -> {
            out.writeByte(Tag.ARRAY_LIST);
            out.writeInt(2);
            out.writeValue(Color.RED);
            out.writeByte(Tag.ENUM);
            out.writeVarInt(2);
            out.writeString("RED");
        }));
    }

    @Test
    void aClassThatIsNotWhatTheTagSays() {
        WireException e = decodeFails(message(out -> {
            out.writeByte(Tag.ENUM);
            out.writeClass(String.class);
            out.writeString("RED");
        }));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        e = decodeFails(message(out -> {
            out.writeByte(Tag.RECORD);
            out.writeClass(String.class);
            out.writeValue("x");
        }));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        decodeFails(message(out -> {
            out.writeByte(Tag.RECORD);
            out.writeClass(Color.class);
        }));
        decodeFails(message(out -> {
            out.writeByte(Tag.ENUM);
            out.writeClass(Point.class);
            out.writeString("RED");
        }));
    }

    @Test
    void anEnumConstantThatDoesNotExist() {
        WireException e = decodeFails(message(out -> {
            out.writeByte(Tag.ENUM);
            out.writeClass(Color.class);
            out.writeString("PURPLE");
        }));
        assertTrue(e.getMessage().contains("PURPLE"), e.getMessage());
        decodeFails(message(out -> {
            out.writeByte(Tag.ENUM);
            out.writeClass(Color.class);
            out.writeString(null);
        }));
    }

    @Test
    void aRecordThatIsNotAccessible() {
        // A record in a JDK package that is not open to us: reflection refuses, the wire must say so.
        decodeFails(message(out -> {
            out.writeByte(Tag.RECORD);
            out.writeVarInt(0);
            out.writeString("sun.security.pkcs.SignerInfo$AlgorithmInfo");
            out.writeValue(null);
            out.writeValue(null);
        }));
    }

    @Test
    void recordComponentsOfTheWrongTypeOrRejected() {
        WireException e = decodeFails(message(out -> {
            out.writeByte(Tag.RECORD);
            out.writeClass(Point.class);
            out.writeValue("one");
            out.writeValue(2);
        }));
        assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
        decodeFails(message(out -> {
            out.writeByte(Tag.RECORD);
            out.writeClass(Point.class);
            out.writeValue(null);
            out.writeValue(2);
        }));
        e = decodeFails(message(out -> {
            out.writeByte(Tag.ARRAY_LIST);
            out.writeInt(1);
            out.writeByte(Tag.RECORD);
            out.writeClass(Positive.class);
            out.writeValue(-5);
        }));
        assertEquals("[0]", e.path());
        assertTrue(e.getMessage().contains("not positive: -5"), e.getMessage());
    }

    @Test
    void anArrayElementOfTheWrongType() {
        WireException e = decodeFails(message(out -> {
            out.writeByte(Tag.OBJECT_ARRAY);
            out.writeClass(String.class);
            out.writeVarInt(2);
            out.writeValue("fine");
            out.writeValue(42);
        }));
        assertTrue(e.getMessage().contains("[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
        decodeFails(message(out -> {
            out.writeByte(Tag.OBJECT_ARRAY);
            out.writeClass(int[].class);
            out.writeVarInt(1);
            out.writeValue(new long[1]);
        }));
    }

    @Test
    void anArrayOfTooManyDimensions() {
        decodeFails(message(out -> {
            out.writeByte(Tag.OBJECT_ARRAY);
            out.writeVarInt(0);
            out.writeString("[".repeat(255) + "Ljava.lang.Object;");
            out.writeVarInt(0);
        }));
    }

    @Test
    void garbageWhereASerializedValueShouldBe() {
        decodeFails(message(out -> {
            out.writeByte(Tag.SERIALIZED);
            out.writeByteArray(new byte[] {1, 2, 3, 4, 5});
        }));
        byte[] money = message(out -> out.writeValue(new java.math.BigInteger("123456789012345678901234567890")));
        assertSame(Tag.SERIALIZED, money[0]);
        for (int length = 1; length < money.length; length += 7) {
            decodeFails(Arrays.copyOf(money, length));
        }
    }

    @Test
    void theDecodingErrorSaysWhere() {
        byte[] message = message(out -> {
            out.writeByte(Tag.LINKED_HASH_MAP);
            out.writeInt(1);
            out.writeValue("key");
            out.writeByte(Tag.ARRAY_LIST);
            out.writeInt(2);
            out.writeValue(1);
            out.writeByte(77);
        });
        assertEquals("[key][1]", decodeFails(message).path());
    }

    record Node(int value, Node next) {}

    @Test
    void nestingDeeperThanTheLimitIsAWireExceptionNotAStackOverflow() {
        Node deep = null;
        for (int i = 0; i < 3000; i++) {
            deep = new Node(i, deep);
        }
        Node chain = deep;
        WireException e = assertThrows(WireException.class, () -> new Encoder().writeValue(chain));
        assertTrue(e.getMessage().contains("levels deep"), e.getMessage());

        Node shallow = null;
        for (int i = 0; i < Encoder.MAX_DEPTH - 1; i++) {
            shallow = new Node(i, shallow);
        }
        Encoder ok = new Encoder();
        ok.writeValue(shallow);
        assertEquals(shallow, decoder(ok.toByteArray()).readValue());

        Encoder forged = new Encoder();
        for (int i = 0; i < 3000; i++) {
            forged.writeByte(Tag.ARRAY_LIST);
            forged.writeInt(1);
        }
        forged.writeByte(Tag.NULL);
        WireException read = assertThrows(WireException.class, () -> decoder(forged.toByteArray()).readValue());
        assertTrue(read.getMessage().contains("levels deep"), read.getMessage());
    }
}
