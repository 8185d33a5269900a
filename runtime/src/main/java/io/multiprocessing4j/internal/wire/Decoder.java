package io.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads what an {@link Encoder} wrote. Classes named in the message are resolved in the given
 * class loader; a record or enum is only built if the named class really is one, and serialized
 * values pass {@link SerialFilter}.
 *
 * <p>Not thread-safe; one decoder per message.
 */
public final class Decoder {

    private final ByteBuffer buffer;
    private final ClassLoader loader;
    private List<Class<?>> classes;
    private int depth;
    /** The target of the last task read, for {@link TaskCodec}. */
    TaskCodec.Target lastTarget;

    /**
     * A decoder over the remaining bytes of {@code buffer}, which must be a heap buffer.
     *
     * @param loader where the classes the message names are looked up
     */
    public Decoder(ByteBuffer buffer, ClassLoader loader) {
        this.buffer = buffer;
        this.loader = loader;
    }

    /** Where the next read starts, counted from the start of the buffer. */
    public int position() {
        return buffer.position();
    }

    /** Moves to {@code position}; for skipping over a length-prefixed part. */
    public void position(int position) {
        buffer.position(position);
    }

    /** True while bytes remain. */
    public boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    public byte readByte() {
        return buffer.get();
    }

    public boolean readBoolean() {
        return buffer.get() != 0;
    }

    public int readInt() {
        return buffer.getInt();
    }

    public long readLong() {
        return buffer.getLong();
    }

    public int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = buffer.get();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new WireException("malformed length", null);
    }

    public String readString() {
        int length = readVarInt() - 1;
        if (length < 0) {
            return null;
        }
        checkLength(length, 1);
        String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    public byte[] readByteArray() {
        int length = readVarInt();
        checkLength(length, 1);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** A length read from the wire must fit in what is left of the message. */
    int checkLength(int length, int elementSize) {
        if (length < 0 || (long) length * elementSize > buffer.remaining()) {
            throw new WireException("a length of " + length + " overruns the message", null);
        }
        return length;
    }

    /**
     * Reads one tagged value.
     *
     * @throws WireException if the bytes are malformed or name a class that is missing here or is
     *     not what the tag says
     */
    public Object readValue() {
        if (++depth > Encoder.MAX_DEPTH) {
            throw new WireException("the value is nested more than " + Encoder.MAX_DEPTH + " levels deep", null);
        }
        try {
            return readValueAtDepth();
        } finally {
            depth--;
        }
    }

    private Object readValueAtDepth() {
        // A message that ends inside a value made the buffer throw BufferUnderflowException,
        // which is not what this method promises and which most callers do not catch.
        try {
            return readTagged();
        } catch (BufferUnderflowException e) {
            throw new WireException("the message ends inside a value: it is truncated or corrupt", e);
        }
    }

    private Object readTagged() {
        byte tag = buffer.get();
        switch (tag) {
            case Tag.NULL:
                return null;
            case Tag.FALSE:
                return Boolean.FALSE;
            case Tag.TRUE:
                return Boolean.TRUE;
            case Tag.BYTE:
                return buffer.get();
            case Tag.SHORT:
                return buffer.getShort();
            case Tag.CHAR:
                return buffer.getChar();
            case Tag.INT:
                return buffer.getInt();
            case Tag.LONG:
                return buffer.getLong();
            case Tag.FLOAT:
                return buffer.getFloat();
            case Tag.DOUBLE:
                return buffer.getDouble();
            case Tag.STRING:
                return readString();
            case Tag.BYTE_ARRAY:
                return readByteArray();
            case Tag.INT_ARRAY: {
                int[] values = new int[checkLength(readVarInt(), 4)];
                buffer.asIntBuffer().get(values);
                buffer.position(buffer.position() + values.length * 4);
                return values;
            }
            case Tag.LONG_ARRAY: {
                long[] values = new long[checkLength(readVarInt(), 8)];
                buffer.asLongBuffer().get(values);
                buffer.position(buffer.position() + values.length * 8);
                return values;
            }
            case Tag.DOUBLE_ARRAY: {
                double[] values = new double[checkLength(readVarInt(), 8)];
                buffer.asDoubleBuffer().get(values);
                buffer.position(buffer.position() + values.length * 8);
                return values;
            }
            case Tag.FLOAT_ARRAY: {
                float[] values = new float[checkLength(readVarInt(), 4)];
                buffer.asFloatBuffer().get(values);
                buffer.position(buffer.position() + values.length * 4);
                return values;
            }
            case Tag.SHORT_ARRAY: {
                short[] values = new short[checkLength(readVarInt(), 2)];
                buffer.asShortBuffer().get(values);
                buffer.position(buffer.position() + values.length * 2);
                return values;
            }
            case Tag.CHAR_ARRAY: {
                char[] values = new char[checkLength(readVarInt(), 2)];
                buffer.asCharBuffer().get(values);
                buffer.position(buffer.position() + values.length * 2);
                return values;
            }
            case Tag.BOOLEAN_ARRAY: {
                boolean[] values = new boolean[checkLength(readVarInt(), 1)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.get() != 0;
                }
                return values;
            }
            case Tag.OBJECT_ARRAY: {
                Class<?> component = readClass();
                if (component.isPrimitive()) {
                    throw new WireException("an array of references cannot hold " + component, null);
                }
                int length = checkLength(readVarInt(), 1);
                Object[] values;
                try {
                    values = (Object[]) Array.newInstance(component, length);
                } catch (IllegalArgumentException e) {
                    // a component that is already an array of 255 dimensions: one more is refused
                    throw new WireException("cannot make an array of " + component.getName(), e);
                }
                for (int i = 0; i < length; i++) {
                    values[i] = readElement(component, i);
                }
                return values;
            }
            case Tag.ARRAY_LIST: {
                int count = checkLength(buffer.getInt(), 1);
                return readElements(new ArrayList<>(count), count);
            }
            case Tag.HASH_SET: {
                int count = checkLength(buffer.getInt(), 1);
                return readElements(new HashSet<>(capacityFor(count)), count);
            }
            case Tag.LINKED_HASH_SET: {
                int count = checkLength(buffer.getInt(), 1);
                return readElements(new LinkedHashSet<>(capacityFor(count)), count);
            }
            case Tag.HASH_MAP: {
                int count = checkLength(buffer.getInt(), 2);
                return readEntries(new HashMap<>(capacityFor(count)), count);
            }
            case Tag.LINKED_HASH_MAP: {
                int count = checkLength(buffer.getInt(), 2);
                return readEntries(new LinkedHashMap<>(capacityFor(count)), count);
            }
            case Tag.ENUM:
                return readEnum();
            case Tag.RECORD:
                return readRecord();
            case Tag.SERIALIZED:
                return readSerialized();
            default:
                throw new WireException("unknown value tag " + tag + ": the peer runs another"
                        + " version of multiprocessing4j, or the message is corrupt", null);
        }
    }

    private static int capacityFor(int count) {
        return (int) Math.min(1 << 30, count / 0.75f + 1);
    }

    private Object readElement(Class<?> component, int index) {
        Object value;
        try {
            value = readValue();
        } catch (WireException e) {
            throw e.within("[" + index + "]");
        }
        if (value != null && !component.isInstance(value)) {
            throw new WireException("[" + index + "] is a " + value.getClass().getName()
                    + ", which a " + component.getName() + "[] cannot hold", null);
        }
        return value;
    }

    private <C extends Collection<Object>> C readElements(C into, int count) {
        for (int i = 0; i < count; i++) {
            try {
                into.add(readValue());
            } catch (WireException e) {
                throw e.within("[" + i + "]");
            }
        }
        return into;
    }

    private Map<Object, Object> readEntries(Map<Object, Object> into, int count) {
        for (int i = 0; i < count; i++) {
            Object key;
            try {
                key = readValue();
            } catch (WireException e) {
                throw e.within("[key " + i + "]");
            }
            try {
                into.put(key, readValue());
            } catch (WireException e) {
                throw e.within("[" + key + "]");
            }
        }
        return into;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readEnum() {
        Class<?> type = readClass();
        String name = readString();
        if (!type.isEnum()) {
            throw new WireException(type.getName() + " is not an enum", null);
        }
        if (name == null) {
            // Enum.valueOf would throw NullPointerException
            throw new WireException("the constant of " + type.getName() + " has no name", null);
        }
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            throw new WireException(type.getName() + " has no constant " + name, e);
        }
    }

    private Object readRecord() {
        Class<?> type = readClass();
        if (!type.isRecord()) {
            throw new WireException(type.getName() + " is not a record", null);
        }
        RecordShape shape = RecordShape.of(type);
        Object[] components = new Object[shape.size()];
        for (int i = 0; i < components.length; i++) {
            try {
                components[i] = readValue();
            } catch (WireException e) {
                throw e.within(shape.name(i));
            }
        }
        return shape.construct(components);
    }

    private Object readSerialized() {
        byte[] bytes = readByteArray();
        try {
            return SerialFilter.read(bytes, loader);
        } catch (ClassNotFoundException e) {
            throw new WireException("class " + e.getMessage() + " is not on this JVM's classpath", e);
        } catch (IOException | RuntimeException e) {
            throw new WireException("deserializing failed: " + e, e);
        }
    }

    /** Reads a class written by {@link Encoder#writeClass(Class)}. */
    Class<?> readClass() {
        if (classes == null) {
            classes = new ArrayList<>();
        }
        int number = readVarInt();
        if (number > 0) {
            if (number > classes.size()) {
                throw new WireException("class reference " + number + " was never defined", null);
            }
            return classes.get(number - 1);
        }
        String name = readString();
        if (name == null) {
            // Class.forName would throw NullPointerException
            throw new WireException("a class name is missing", null);
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new WireException("class " + name + " is not on this JVM's classpath", e);
        }
        classes.add(type);
        return type;
    }
}
