package io.multiprocessing4j.internal.wire;

import io.multiprocessing4j.internal.shm.Handles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one message: primitives, strings and tagged values into a growable buffer, read back by
 * {@link Decoder}. Compact encodings cover what tasks usually carry (primitives and boxes,
 * strings, primitive arrays, enums, records, lists, sets, maps, arrays of references); anything
 * else {@link Serializable} falls back to JDK serialization. Class names are written once per
 * message and referred to by number afterwards.
 *
 * <p>Not thread-safe; one encoder per message, reusable after {@link #reset()}.
 */
public final class Encoder {

    private static final int DEFAULT_CAPACITY = 256;
    /** A buffer that grew past this is dropped on reset, so one huge message doesn't pin memory. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    /**
     * The frame being written: a raw array with an index rather than a ByteBuffer, because a
     * pool's first chunks are encoded by code that is not compiled yet, and in the interpreter a
     * store to an array is one instruction where a ByteBuffer put is half a dozen calls.
     */
    private byte[] buf;
    private int pos;
    /**
     * How deep values may nest (a list in a record in a list ...). Deeper data would overflow the
     * stack of whichever side reads it; Python's pickle stops at about the same depth.
     */
    static final int MAX_DEPTH = 500;

    private Map<Class<?>, Integer> classNumbers;
    private int depth;
    /** Where each class number was defined, by number, so that truncate can forget it. */
    private List<Integer> classDefinedAt;

    /**
     * Byte arrays of at least {@link #HELD_ARRAY_BYTES} are held by reference rather than copied
     * into {@link #buf}: see {@link #holdLargeArrays()}. {@code held[i]} goes at offset
     * {@code heldAt[i]} of the message as {@link #size()} counts, after the bytes of
     * {@code buf} before it; {@link #heldBytes} is their total length.
     */
    private boolean holdsLargeArrays;
    private byte[][] held;
    private int[] heldAt;
    private int heldCount;
    private int heldBytes;
    /** Arrays shorter than this are always copied: a copy that small costs less than a write of its own. */
    static final int HELD_ARRAY_BYTES = 64 * 1024;
    /** The target of the last task written, for {@link TaskCodec}: identity, not equality, is compared. */
    String lastDispatcher;
    int lastMethod;
    String lastName;

    /** An empty encoder. */
    public Encoder() {
        this(DEFAULT_CAPACITY);
    }

    /** An empty encoder with room for {@code capacity} bytes before it grows. */
    public Encoder(int capacity) {
        buf = new byte[FrameChannel.HEADER_BYTES + Math.max(capacity, 16)];
        pos = FrameChannel.HEADER_BYTES;
    }

    /** Empties the encoder for the next message. */
    public Encoder reset() {
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[DEFAULT_CAPACITY];
        }
        pos = FrameChannel.HEADER_BYTES;
        classNumbers = null;
        classDefinedAt = null;
        depth = 0;
        lastDispatcher = null;
        dropHeld(0);
        return this;
    }

    /**
     * From now on, byte arrays of at least 64 KiB that {@link #writeByteArray} is given are not
     * copied in: the encoder keeps a reference to each and {@link #writeFrame} writes it straight
     * from the caller's array, so a megabyte-sized argument or result costs no buffer of its own,
     * which in a young JVM means no fresh memory to fault in and zero (the largest cost of such a
     * round trip, measured). Every other way of reading the bytes ({@link #toByteArray},
     * {@link #copyTo}) copies them from the held arrays then.
     *
     * <p>Only for a message sent before anyone can change those arrays: the caller guarantees
     * that. The bytes on the wire are the same either way.
     *
     * @return this encoder
     */
    public Encoder holdLargeArrays() {
        holdsLargeArrays = true;
        return this;
    }

    /** Forgets the held arrays that start at or after {@code size}, as {@link #size()} counts. */
    private void dropHeld(int size) {
        while (heldCount > 0 && heldAt[heldCount - 1] >= size) {
            heldCount--;
            heldBytes -= held[heldCount].length;
            held[heldCount] = null;
        }
    }

    /**
     * Where offset {@code at} of the message (as {@link #size()} counts) is in {@link #buf}; never
     * inside a held array. Callers on a map's path test {@code heldCount == 0} first, inline: a
     * map's first chunks are encoded by the interpreter, where a call per task is measurable.
     */
    private int bufIndex(int at) {
        int index = FrameChannel.HEADER_BYTES + at;
        for (int i = 0; i < heldCount && heldAt[i] < at; i++) {
            index -= held[i].length;
        }
        return index;
    }

    /** Receives the pieces of a range of the message, in order: runs of {@link #buf} and held arrays. */
    private interface Pieces<E extends Exception> {
        void piece(byte[] bytes, int offset, int length) throws E;
    }

    /** Hands {@code sink} the bytes of the message from {@code from} to {@code to}, exclusive, in order. */
    private <E extends Exception> void pieces(int from, int to, Pieces<E> sink) throws E {
        int at = 0; // where the next run of buf starts, in the message
        int index = FrameChannel.HEADER_BYTES;
        for (int i = 0; i <= heldCount && at < to; i++) {
            int runEnd = i < heldCount ? heldAt[i] : size();
            overlap(buf, index, at, runEnd, from, to, sink);
            index += runEnd - at;
            at = runEnd;
            if (i < heldCount) {
                overlap(held[i], 0, at, at + held[i].length, from, to, sink);
                at += held[i].length;
            }
        }
    }

    /** Hands {@code sink} what of {@code bytes}, message offsets {@code start} to {@code end}, lies in {@code from} to {@code to}. */
    private static <E extends Exception> void overlap(byte[] bytes, int offset, int start, int end, int from, int to,
            Pieces<E> sink) throws E {
        int first = Math.max(start, from);
        int last = Math.min(end, to);
        if (first < last) {
            sink.piece(bytes, offset + first - start, last - first);
        }
    }

    /**
     * The whole frame: the bytes written, preceded by the frame header for {@code type}, which
     * this fills in. The encoder reserves room for the header up front so that a frame goes out
     * in one write without being copied.
     */
    byte[] frame(byte type) {
        if (heldCount > 0) {
            throw new IllegalStateException("a frame with held arrays is written by writeFrame");
        }
        fillHeader(type);
        return buf;
    }

    /** Fills in the frame header reserved at the start of {@link #buf}: the length, then {@code type}. */
    private void fillHeader(byte type) {
        putIntAt(0, size());
        buf[4] = type;
    }

    /** Whether the whole frame is in {@link #frame(byte)}'s array: no array is held by reference. */
    boolean isContiguous() {
        return heldCount == 0;
    }

    /** Writes the whole frame, header first, to {@code out}: one write, or one per held array and run between. */
    void writeFrame(byte type, OutputStream out) throws IOException {
        fillHeader(type);
        if (heldCount == 0) {
            out.write(buf, 0, pos);
            return;
        }
        out.write(buf, 0, FrameChannel.HEADER_BYTES);
        pieces(0, size(), out::write);
    }

    /** The number of bytes of the frame, header included. */
    int frameLength() {
        return pos + heldBytes;
    }

    /** The bytes written so far, copied. */
    public byte[] toByteArray() {
        return copyOfRange(0, size());
    }

    /** Copies {@code length} bytes written so far, starting at {@code from}, into {@code into}. */
    public void copyTo(int from, int length, Encoder into) {
        if (heldCount == 0) {
            into.writeRaw(buf, FrameChannel.HEADER_BYTES + from, length);
        } else {
            pieces(from, from + length, into::writeRaw);
        }
    }

    /**
     * Copies {@code length} bytes written so far, starting at {@code from}, into {@code into} at
     * its absolute {@code index} (its position is not used): for a message that goes into shared
     * memory rather than onto a socket, without another copy on the heap.
     */
    public void copyTo(int from, int length, ByteBuffer into, int index) {
        if (heldCount == 0) {
            into.put(index, buf, FrameChannel.HEADER_BYTES + from, length); // a chunk's log, once per task
            return;
        }
        int[] at = {index};
        pieces(from, from + length, (bytes, offset, n) -> {
            into.put(at[0], bytes, offset, n);
            at[0] += n;
        });
    }

    /**
     * As {@link #copyTo(int, int, ByteBuffer, int)}, for a piece of at most eight bytes, in one
     * 8-byte store: a put of a few bytes into a direct buffer is a store per byte, each several
     * calls deep, which a fresh worker's interpreter pays for every task of a chunk's log (the
     * log's copies were about a seventh of the CPU of a 1,000,000-task map, all processes counted).
     * The store covers eight bytes whatever {@code length} is: the bytes after the piece, up to
     * {@code index + 8}, are overwritten with zeros, so the caller must own them.
     *
     * @param length at most {@link Long#BYTES}
     * @throws IndexOutOfBoundsException if {@code into} has fewer than eight bytes from {@code index}
     */
    public void copyWordTo(int from, int length, ByteBuffer into, int index) {
        if (heldCount != 0) {
            copyTo(from, length, into, index);
            return;
        }
        int start = FrameChannel.HEADER_BYTES + from;
        long word = 0;
        for (int i = start + length - 1; i >= start; i--) {
            word = word << 8 | (buf[i] & 0xFF); // the piece's first byte lowest: little-endian
        }
        into.putLong(index, into.order() == ByteOrder.LITTLE_ENDIAN ? word : Long.reverseBytes(word));
    }

    /** A copy of the bytes written from {@code from} to {@code to}, exclusive, counted as {@link #size()} counts. */
    byte[] copyOfRange(int from, int to) {
        if (heldCount == 0) {
            return Arrays.copyOfRange(buf, FrameChannel.HEADER_BYTES + from, FrameChannel.HEADER_BYTES + to);
        }
        byte[] copy = new byte[to - from];
        int[] at = {0};
        pieces(from, to, (bytes, offset, n) -> {
            System.arraycopy(bytes, offset, copy, at[0], n);
            at[0] += n;
        });
        return copy;
    }

    /** The number of bytes written so far, held arrays included. */
    public int size() {
        return pos - FrameChannel.HEADER_BYTES + heldBytes;
    }

    /** How many bytes the buffer holds before it must grow again; for tests of its sizing. */
    int capacity() {
        return buf.length - FrameChannel.HEADER_BYTES;
    }

    /** Makes room for {@code bytes} more bytes now, rather than growing step by step. */
    public void reserve(int bytes) {
        ensure(bytes);
    }

    /** Drops everything written after the first {@code size} bytes; for undoing a failed write. */
    public void truncate(int size) {
        pos = bufIndex(size);
        dropHeld(size);
        // A class first written in the dropped bytes must be written in full again: kept
        // numbered, its next use was written as a number the reader never saw (a chunk's results
        // then failed to decode, or decoded as another class). Likewise a task target.
        forgetDefinitions(classNumbers, classDefinedAt, size);
        lastDispatcher = null;
    }

    private static void forgetDefinitions(Map<?, Integer> numbers, List<Integer> definedAt, int size) {
        if (numbers == null) {
            return;
        }
        int keep = definedAt.size();
        while (keep > 0 && definedAt.get(keep - 1) >= size) {
            keep--;
        }
        if (keep < definedAt.size()) {
            int kept = keep;
            numbers.values().removeIf(number -> number >= kept);
            definedAt.subList(keep, definedAt.size()).clear();
        }
    }

    /** Reserves four bytes at the current position, to be filled in later with {@link #putInt(int, int)}. */
    public int reserveInt() {
        int at = size();
        writeInt(0);
        return at;
    }

    /** Reserves eight bytes at the current position, to be filled in later with {@link #putLong(int, long)}. */
    public int reserveLong() {
        int at = size();
        writeLong(0);
        return at;
    }

    /** Overwrites eight bytes at {@code at}. */
    public void putLong(int at, long value) {
        putLongAt(heldCount == 0 ? FrameChannel.HEADER_BYTES + at : bufIndex(at), value);
    }

    /** Overwrites four bytes at {@code at}, for example a count that was not known in advance. */
    public void putInt(int at, int value) {
        putIntAt(heldCount == 0 ? FrameChannel.HEADER_BYTES + at : bufIndex(at), value);
    }

    private void ensure(long more) {
        if (buf.length - pos < more) {
            grow(more);
        }
    }

    private void grow(long more) {
        long wanted = Math.max((long) buf.length * 2, pos + more);
        if (wanted + heldBytes > Integer.MAX_VALUE - 8) {
            throw new WireException("the message would be larger than 2 GiB", null);
        }
        buf = Arrays.copyOf(buf, (int) wanted);
    }

    private void putIntAt(int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    private void putLongAt(int at, long value) {
        putIntAt(at, (int) (value >>> 32));
        putIntAt(at + 4, (int) value);
    }

    /** A big-endian view of the next {@code bytes} bytes, for writing a primitive array in bulk. */
    private ByteBuffer view(long bytes) {
        ensure(bytes);
        ByteBuffer view = ByteBuffer.wrap(buf, pos, (int) bytes);
        pos += (int) bytes;
        return view;
    }

    /**
     * Writes a whole task of a chunk in one call, if it calls the method of the task written just
     * before it ({@code dispatcher}, {@code method}, {@code name} compared by identity) and its
     * arguments are all {@code Integer}, {@code Long} or {@code Double}: its length, the
     * same-target byte, the argument count and the arguments, the bytes
     * {@link TaskCodec#write(Encoder, Class, int, String, Object[])} writes with
     * {@link TasksFrame}'s length in front. A map's first tasks are encoded by the interpreter,
     * where that path's dozen calls per task cost more than building the task itself.
     *
     * @return false, with nothing written, for any other task
     */
    boolean writeRepeatedTask(String dispatcher, int method, String name, Object[] arguments) {
        if (dispatcher != lastDispatcher || method != lastMethod || name != lastName || heldCount != 0
                || arguments.length > 0x7F) {
            return false;
        }
        int length = 2; // the same-target byte and the argument count, one byte as it is below 128
        for (Object argument : arguments) {
            Class<?> type = argument == null ? null : argument.getClass();
            if (type == Integer.class) {
                length += 5;
            } else if (type == Long.class || type == Double.class) {
                length += 9;
            } else {
                return false;
            }
        }
        ensure(4 + length);
        int at = pos;
        putIntAt(at, length);
        buf[at + 4] = TaskCodec.SAME_TARGET;
        buf[at + 5] = (byte) arguments.length;
        at += 6;
        for (Object argument : arguments) {
            if (argument instanceof Integer) {
                buf[at] = Tag.INT;
                putIntAt(at + 1, (Integer) argument);
                at += 5;
            } else {
                buf[at] = argument instanceof Long ? Tag.LONG : Tag.DOUBLE;
                putLongAt(at + 1, argument instanceof Long ? (Long) argument
                        : Double.doubleToRawLongBits((Double) argument));
                at += 9;
            }
        }
        pos = at;
        return true;
    }

    /** Writes one byte. */
    public void writeByte(int value) {
        ensure(1);
        buf[pos++] = (byte) value;
    }

    /** Writes a boolean as one byte. */
    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    /** Writes four bytes, big-endian. */
    public void writeInt(int value) {
        ensure(4);
        putIntAt(pos, value);
        pos += 4;
    }

    /** Writes eight bytes, big-endian. */
    public void writeLong(long value) {
        ensure(8);
        putLongAt(pos, value);
        pos += 8;
    }

    /** Writes a non-negative int in one to five bytes, seven bits at a time. */
    public void writeVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    /** Writes a string, {@code null} included, as UTF-8 with its length in front. */
    public void writeString(String value) {
        if (value == null) {
            writeVarInt(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(bytes.length + 1);
        writeRaw(bytes, 0, bytes.length);
    }

    /**
     * A string value. UTF-8 cannot carry an unpaired surrogate, which a Java string may hold (one
     * cut in the middle of an emoji): getBytes wrote '?' in its place, so the string arrived
     * changed. Such a string travels serialized instead, which keeps every char.
     */
    private void writeStringValue(String value) {
        if (hasUnpairedSurrogate(value)) {
            writeSerialized(value);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeByte(Tag.STRING);
        writeVarInt(bytes.length + 1);
        writeRaw(bytes, 0, bytes.length);
    }

    private static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Writes bytes as they are, without a length. */
    public void writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
    }

    /** Writes a length and the bytes. */
    public void writeByteArray(byte[] bytes) {
        writeVarInt(bytes.length);
        if (holdsLargeArrays && bytes.length >= HELD_ARRAY_BYTES) {
            hold(bytes);
        } else {
            writeRaw(bytes, 0, bytes.length);
        }
    }

    private void hold(byte[] bytes) {
        if (size() > Integer.MAX_VALUE - 8 - bytes.length) {
            throw new WireException("the message would be larger than 2 GiB", null);
        }
        if (held == null) {
            held = new byte[4][];
            heldAt = new int[4];
        } else if (heldCount == held.length) {
            held = Arrays.copyOf(held, heldCount * 2);
            heldAt = Arrays.copyOf(heldAt, heldCount * 2);
        }
        held[heldCount] = bytes;
        heldAt[heldCount] = size();
        heldCount++;
        heldBytes += bytes.length;
    }

    /**
     * Writes any value the wire can carry, with its tag.
     *
     * @throws WireException if the value, or something inside it, cannot be carried; the
     *     exception's path says where
     */
    public void writeValue(Object value) {
        if (value == null) {
            writeByte(Tag.NULL);
            return;
        }
        Class<?> type = value.getClass();
        if (type == Integer.class) {
            ensure(5);
            buf[pos] = Tag.INT;
            putIntAt(pos + 1, (Integer) value);
            pos += 5;
        } else if (type == String.class) {
            writeStringValue((String) value);
        } else if (type == Long.class) {
            ensure(9);
            buf[pos] = Tag.LONG;
            putLongAt(pos + 1, (Long) value);
            pos += 9;
        } else if (type == Double.class) {
            ensure(9);
            buf[pos] = Tag.DOUBLE;
            putLongAt(pos + 1, Double.doubleToRawLongBits((Double) value));
            pos += 9;
        } else if (type == Boolean.class) {
            writeByte((Boolean) value ? Tag.TRUE : Tag.FALSE);
        } else if (type == byte[].class) {
            writeByte(Tag.BYTE_ARRAY);
            writeByteArray((byte[]) value);
        } else if (type == Byte.class) {
            ensure(2);
            buf[pos] = Tag.BYTE;
            buf[pos + 1] = (Byte) value;
            pos += 2;
        } else if (type == Short.class) {
            ensure(3);
            short v = (Short) value;
            buf[pos] = Tag.SHORT;
            buf[pos + 1] = (byte) (v >>> 8);
            buf[pos + 2] = (byte) v;
            pos += 3;
        } else if (type == Character.class) {
            ensure(3);
            char v = (Character) value;
            buf[pos] = Tag.CHAR;
            buf[pos + 1] = (byte) (v >>> 8);
            buf[pos + 2] = (byte) v;
            pos += 3;
        } else if (type == Float.class) {
            ensure(5);
            buf[pos] = Tag.FLOAT;
            putIntAt(pos + 1, Float.floatToRawIntBits((Float) value));
            pos += 5;
        } else if (type.isArray()) {
            writeArray(value, type);
        } else if (value instanceof ManagerHandles.Handle) {
            writeByte(Tag.MANAGER_PROXY);
            ((ManagerHandles.Handle) value).writeHandle(this);
        } else if (type == ArrayList.class || isHiddenJdkType(type, List.class)) {
            writeCollection(Tag.ARRAY_LIST, (Collection<?>) value);
        } else if (type == HashMap.class) {
            writeMap(Tag.HASH_MAP, (Map<?, ?>) value);
        } else if (type == LinkedHashMap.class || isHiddenJdkType(type, Map.class)) {
            writeMap(Tag.LINKED_HASH_MAP, (Map<?, ?>) value);
        } else if (type == HashSet.class) {
            writeCollection(Tag.HASH_SET, (Collection<?>) value);
        } else if (type == LinkedHashSet.class || isHiddenJdkType(type, Set.class)) {
            writeCollection(Tag.LINKED_HASH_SET, (Collection<?>) value);
        } else if (value instanceof Enum<?>) {
            writeByte(Tag.ENUM);
            writeClass(((Enum<?>) value).getDeclaringClass());
            writeString(((Enum<?>) value).name());
        } else if (Handles.isShared(type)) {
            ManagerHandles.Handle served = Handles.servedBy(value);
            if (served != null) {
                writeByte(Tag.MANAGER_PROXY);
                served.writeHandle(this);
            } else {
                writeByte(Tag.SHARED);
                Handles.write(value, this);
            }
        } else if (type.isRecord()) {
            writeRecord(value, type);
        } else if (value instanceof Serializable) {
            writeSerialized(value);
        } else {
            throw new WireException(type.getName() + " is neither a type the wire encodes nor"
                    + " java.io.Serializable", null);
        }
    }

    /**
     * True for the JDK's own non-public implementations of {@code kind} ({@code List.of},
     * {@code Arrays.asList}, {@code Collections.unmodifiableMap} ...): no method can declare a
     * parameter of such a type, so decoding them as the plain public collection surprises nobody.
     * Public JDK collections other than the plain ones ({@code LinkedList}, {@code TreeMap}) and
     * user collections travel by serialization, which keeps their class.
     *
     * <p>A hidden class with a public serializable superclass is not hidden from a method: it can
     * declare that superclass. {@code EnumSet.of(...)} is a {@code RegularEnumSet}, and a method
     * taking an {@code EnumSet} would get a {@code LinkedHashSet} and fail with a
     * ClassCastException in the child; such classes travel by serialization too.
     */
    private static boolean isHiddenJdkType(Class<?> type, Class<?> kind) {
        return type.getClassLoader() == null
                && !Modifier.isPublic(type.getModifiers())
                && kind.isAssignableFrom(type)
                && type.getName().startsWith("java.util.")
                // EnumSet is public, Serializable and a legal parameter type, but its classes
                // (RegularEnumSet, JumboEnumSet) are not public: sent as a LinkedHashSet it could
                // not be cast back to EnumSet. A public serializable ancestor keeps it serialized.
                && !hasPublicSerializableSuperclass(type);
    }

    private static boolean hasPublicSerializableSuperclass(Class<?> type) {
        for (Class<?> s = type.getSuperclass(); s != null; s = s.getSuperclass()) {
            if (Modifier.isPublic(s.getModifiers()) && Serializable.class.isAssignableFrom(s)) {
                return true;
            }
        }
        return false;
    }

    /** Steps into a container value; values nested deeper than {@link #MAX_DEPTH} fail here. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            depth--;
            throw new WireException("the value is nested more than " + MAX_DEPTH + " levels deep", null);
        }
    }

    private void writeCollection(byte tag, Collection<?> values) {
        enter();
        try {
            writeElements(tag, values);
        } finally {
            depth--;
        }
    }

    private void writeElements(byte tag, Collection<?> values) {
        writeByte(tag);
        int at = reserveInt();
        int count = 0;
        for (Object element : values) {
            try {
                writeValue(element);
            } catch (WireException e) {
                throw e.within("[" + count + "]");
            }
            count++;
        }
        putInt(at, count);
    }

    private void writeMap(byte tag, Map<?, ?> map) {
        enter();
        try {
            writeEntries(tag, map);
        } finally {
            depth--;
        }
    }

    private void writeEntries(byte tag, Map<?, ?> map) {
        writeByte(tag);
        int at = reserveInt();
        int count = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            try {
                writeValue(entry.getKey());
            } catch (WireException e) {
                throw e.within("[key " + count + "]");
            }
            try {
                writeValue(entry.getValue());
            } catch (WireException e) {
                throw e.within("[" + entry.getKey() + "]");
            }
            count++;
        }
        putInt(at, count);
    }

    private void writeArray(Object array, Class<?> type) {
        if (type == int[].class) {
            int[] values = (int[]) array;
            writeByte(Tag.INT_ARRAY);
            writeVarInt(values.length);
            view(values.length * 4L).asIntBuffer().put(values);
        } else if (type == long[].class) {
            long[] values = (long[]) array;
            writeByte(Tag.LONG_ARRAY);
            writeVarInt(values.length);
            view(values.length * 8L).asLongBuffer().put(values);
        } else if (type == double[].class) {
            double[] values = (double[]) array;
            writeByte(Tag.DOUBLE_ARRAY);
            writeVarInt(values.length);
            view(values.length * 8L).asDoubleBuffer().put(values);
        } else if (type == float[].class) {
            float[] values = (float[]) array;
            writeByte(Tag.FLOAT_ARRAY);
            writeVarInt(values.length);
            view(values.length * 4L).asFloatBuffer().put(values);
        } else if (type == short[].class) {
            short[] values = (short[]) array;
            writeByte(Tag.SHORT_ARRAY);
            writeVarInt(values.length);
            view(values.length * 2L).asShortBuffer().put(values);
        } else if (type == char[].class) {
            char[] values = (char[]) array;
            writeByte(Tag.CHAR_ARRAY);
            writeVarInt(values.length);
            view(values.length * 2L).asCharBuffer().put(values);
        } else if (type == boolean[].class) {
            boolean[] values = (boolean[]) array;
            writeByte(Tag.BOOLEAN_ARRAY);
            writeVarInt(values.length);
            ensure(values.length);
            for (boolean value : values) {
                buf[pos++] = (byte) (value ? 1 : 0);
            }
        } else {
            Object[] values = (Object[]) array;
            writeByte(Tag.OBJECT_ARRAY);
            writeClass(type.getComponentType());
            writeVarInt(values.length);
            enter();
            try {
                for (int i = 0; i < values.length; i++) {
                    try {
                        writeValue(values[i]);
                    } catch (WireException e) {
                        throw e.within("[" + i + "]");
                    }
                }
            } finally {
                depth--;
            }
        }
    }

    private void writeRecord(Object record, Class<?> type) {
        enter();
        try {
            writeComponents(record, type);
        } finally {
            depth--;
        }
    }

    private void writeComponents(Object record, Class<?> type) {
        writeByte(Tag.RECORD);
        writeClass(type);
        RecordShape shape = RecordShape.of(type);
        for (int i = 0; i < shape.size(); i++) {
            try {
                writeValue(shape.component(record, i));
            } catch (WireException e) {
                throw e.within(shape.name(i));
            }
        }
    }

    private void writeSerialized(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new WireException(value.getClass().getName() + " holds a " + e.getMessage()
                    + ", which is not java.io.Serializable; make that field transient, or the"
                    + " class a record or Serializable", e);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            // user code (writeObject, writeReplace) may throw anything, an Error included
            throw new WireException("serializing " + value.getClass().getName() + " failed: " + e, e);
        }
        writeByte(Tag.SERIALIZED);
        writeByteArray(bytes.toByteArray());
    }

    /** Writes a class by name the first time in this message, by number afterwards. */
    void writeClass(Class<?> type) {
        if (classNumbers == null) {
            classNumbers = new IdentityHashMap<>();
            classDefinedAt = new ArrayList<>();
        }
        Integer number = classNumbers.get(type);
        if (number != null) {
            writeVarInt(number + 1);
        } else {
            classDefinedAt.add(size());
            classNumbers.put(type, classNumbers.size());
            writeVarInt(0);
            writeString(type.getName());
        }
    }
}
