package io.multiprocessing4j.internal.wire;

import io.multiprocessing4j.internal.shm.Handles;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * The message: a raw array with an index and a limit rather than a ByteBuffer, because the
     * first messages are decoded by code that is not compiled yet, and in the interpreter an array
     * load is one instruction where a ByteBuffer get is half a dozen calls.
     */
    private final byte[] buf;
    private final int base;
    private final int limit;
    private int pos;
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
        this.buf = buffer.array();
        this.base = buffer.arrayOffset();
        this.pos = base + buffer.position();
        this.limit = base + buffer.limit();
        this.loader = loader;
    }

    /**
     * Whether the next {@code length} bytes equal {@code bytes[0..length)}, without reading them;
     * for recognising a recurring header by its bytes.
     */
    boolean nextBytesEqual(byte[] bytes, int length) {
        return limit - pos >= length && Arrays.equals(buf, pos, pos + length, bytes, 0, length);
    }

    /** A copy of the {@code length} bytes that start {@code back} bytes before the next read. */
    byte[] copyBehind(int back, int length) {
        return Arrays.copyOfRange(buf, pos - back, pos - back + length);
    }

    /**
     * The arguments of the next task of a chunk, if it is length-prefixed, calls the method of the
     * task read before it, and its arguments are all ints, longs or doubles: the tasks that
     * {@link Encoder#writeRepeatedTask} writes, read in one call rather than a dozen, which a fresh
     * worker's interpreter pays for every task of a map. Reads past the task.
     *
     * @return the arguments, or {@code null}, having read nothing, for any other task
     */
    Object[] readRepeatedArguments() {
        int at = pos + 4;
        if (lastTarget == null || limit - at < 2) {
            return null;
        }
        int end = at + intAt(pos);
        if (end < at + 2 || end > limit || buf[at] != TaskCodec.SAME_TARGET || buf[at + 1] < 0) {
            return null;
        }
        Object[] arguments = new Object[buf[at + 1]];
        at += 2;
        for (int i = 0; i < arguments.length; i++) {
            byte tag = at < end ? buf[at] : -1;
            if (tag == Tag.INT && end - at >= 5) {
                arguments[i] = intAt(at + 1);
                at += 5;
            } else if ((tag == Tag.LONG || tag == Tag.DOUBLE) && end - at >= 9) {
                long bits = ((long) intAt(at + 1) << 32) | (intAt(at + 5) & 0xFFFFFFFFL);
                arguments[i] = tag == Tag.LONG ? (Object) bits : (Object) Double.longBitsToDouble(bits);
                at += 9;
            } else {
                return null;
            }
        }
        if (at != end) {
            return null;
        }
        pos = end;
        return arguments;
    }

    /** Skips {@code length} bytes. */
    void skip(int length) {
        require(length);
        pos += length;
    }

    /** Where the next read starts, counted from the start of the buffer. */
    public int position() {
        return pos - base;
    }

    /** Moves to {@code position}; for skipping over a length-prefixed part. */
    public void position(int position) {
        if (position < 0 || base + position > limit) {
            throw new WireException("position " + position + " is outside the message", null);
        }
        pos = base + position;
    }

    /** True while bytes remain. */
    public boolean hasRemaining() {
        return pos < limit;
    }

    /** Fails unless {@code bytes} more bytes are left in the message. */
    private void require(int bytes) {
        if (limit - pos < bytes) {
            throw new WireException("the message ends inside a value: it is truncated or corrupt", null);
        }
    }

    /** Reads one byte. */
    public byte readByte() {
        require(1);
        return buf[pos++];
    }

    /** Reads a boolean written as one byte. */
    public boolean readBoolean() {
        return readByte() != 0;
    }

    /** Reads four bytes, big-endian. */
    public int readInt() {
        require(4);
        int value = intAt(pos);
        pos += 4;
        return value;
    }

    private int intAt(int at) {
        return (buf[at] << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }

    /** Reads eight bytes, big-endian. */
    public long readLong() {
        require(8);
        long value = ((long) intAt(pos) << 32) | (intAt(pos + 4) & 0xFFFFFFFFL);
        pos += 8;
        return value;
    }

    private short readShort() {
        require(2);
        short value = (short) ((buf[pos] << 8) | (buf[pos + 1] & 0xFF));
        pos += 2;
        return value;
    }

    /** A big-endian view of the next {@code bytes} bytes, for reading a primitive array in bulk. */
    private ByteBuffer view(int bytes) {
        require(bytes);
        ByteBuffer view = ByteBuffer.wrap(buf, pos, bytes);
        pos += bytes;
        return view;
    }

    /** Reads what {@link Encoder#writeVarInt} wrote. */
    public int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new WireException("malformed length", null);
    }

    /** Reads what {@link Encoder#writeString} wrote, {@code null} included. */
    public String readString() {
        int length = readVarInt() - 1;
        if (length < 0) {
            return null;
        }
        checkLength(length, 1);
        String value = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    /** Reads what {@link Encoder#writeByteArray} wrote. */
    public byte[] readByteArray() {
        int length = readVarInt();
        checkLength(length, 1);
        byte[] bytes = new byte[length];
        System.arraycopy(buf, pos, bytes, 0, length);
        pos += length;
        return bytes;
    }

    /** A length read from the wire must fit in what is left of the message. */
    int checkLength(int length, int elementSize) {
        if (length < 0 || (long) length * elementSize > limit - pos) {
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
        byte tag = readByte();
        switch (tag) {           case Tag.NULL:
                return null;
            case Tag.FALSE:
                return Boolean.FALSE;
            case Tag.TRUE:
                return Boolean.TRUE;
            case Tag.BYTE:
                return readByte();
            case Tag.SHORT:
                return readShort();
            case Tag.CHAR:
                return (char) readShort();
            case Tag.INT:
                return readInt();
            case Tag.LONG:
                return readLong();
            case Tag.FLOAT:
                return Float.intBitsToFloat(readInt());
            case Tag.DOUBLE:
                return Double.longBitsToDouble(readLong());
            case Tag.STRING:
                return readString();
            case Tag.BYTE_ARRAY:
                return readByteArray();
            case Tag.INT_ARRAY: {
                int[] values = new int[checkLength(readVarInt(), 4)];
                view(values.length * 4).asIntBuffer().get(values);
                return values;
            }
            case Tag.LONG_ARRAY: {
                long[] values = new long[checkLength(readVarInt(), 8)];
                view(values.length * 8).asLongBuffer().get(values);
                return values;
            }
            case Tag.DOUBLE_ARRAY: {
                double[] values = new double[checkLength(readVarInt(), 8)];
                view(values.length * 8).asDoubleBuffer().get(values);
                return values;
            }
            case Tag.FLOAT_ARRAY: {
                float[] values = new float[checkLength(readVarInt(), 4)];
                view(values.length * 4).asFloatBuffer().get(values);
                return values;
            }
            case Tag.SHORT_ARRAY: {
                short[] values = new short[checkLength(readVarInt(), 2)];
                view(values.length * 2).asShortBuffer().get(values);
                return values;
            }
            case Tag.CHAR_ARRAY: {
                char[] values = new char[checkLength(readVarInt(), 2)];
                view(values.length * 2).asCharBuffer().get(values);
                return values;
            }
            case Tag.BOOLEAN_ARRAY: {
                boolean[] values = new boolean[checkLength(readVarInt(), 1)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buf[pos++] != 0;
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
                enter();
                try {
                    for (int i = 0; i < length; i++) {
                        values[i] = readElement(component, i);
                    }
                } finally {
                    depth--;
                }
                return values;
            }
            case Tag.ARRAY_LIST: {
                int count = checkLength(readInt(), 1);
                return readElements(new ArrayList<>(count), count);
            }
            case Tag.HASH_SET: {
                int count = checkLength(readInt(), 1);
                return readElements(new HashSet<>(capacityFor(count)), count);
            }
            case Tag.LINKED_HASH_SET: {
                int count = checkLength(readInt(), 1);
                return readElements(new LinkedHashSet<>(capacityFor(count)), count);
            }
            case Tag.HASH_MAP: {
                int count = checkLength(readInt(), 2);
                return readEntries(new HashMap<>(capacityFor(count)), count);
            }
            case Tag.LINKED_HASH_MAP: {
                int count = checkLength(readInt(), 2);
                return readEntries(new LinkedHashMap<>(capacityFor(count)), count);
            }
            case Tag.ENUM:
                return readEnum();
            case Tag.RECORD:
                return readRecord();
            case Tag.SERIALIZED:
                return readSerialized();
            case Tag.SHARED:
                return Handles.read(this);
            case Tag.MANAGER_PROXY:
                return ManagerHandles.read(this);
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

    /** Steps into a container value; values nested deeper than the encoder allows fail here. */
    private void enter() {
        if (++depth > Encoder.MAX_DEPTH) {
            throw new WireException("the value is nested more than " + Encoder.MAX_DEPTH + " levels deep", null);
        }
    }

    private <C extends Collection<Object>> C readElements(C into, int count) {
        enter();
        try {
            for (int i = 0; i < count; i++) {
                try {
                    into.add(readValue());
                } catch (WireException e) {
                    throw e.within("[" + i + "]");
                }
            }
            return into;
        } finally {
            depth--;
        }
    }

    private Map<Object, Object> readEntries(Map<Object, Object> into, int count) {
        enter();
        try {
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
        } finally {
            depth--;
        }
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
        enter();
        try {
            for (int i = 0; i < components.length; i++) {
                try {
                    components[i] = readValue();
                } catch (WireException e) {
                    throw e.within(shape.name(i));
                }
            }
        } finally {
            depth--;
        }
        return shape.construct(components);
    }

    private Object readSerialized() {
        byte[] bytes = readByteArray();
        try {
            return SerialFilter.read(bytes, loader);
        } catch (ClassNotFoundException e) {
            throw new WireException("class " + e.getMessage() + " is not on this JVM's classpath", e);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            // user code (readObject, readResolve) may throw anything, an Error included
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
