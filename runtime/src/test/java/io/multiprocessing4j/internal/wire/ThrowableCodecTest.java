package io.multiprocessing4j.internal.wire;

import static io.multiprocessing4j.internal.wire.WireTesting.LOADER;
import static io.multiprocessing4j.internal.wire.WireTesting.decoder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.RemoteException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrowableCodecTest {

    /** Serializable, so it arrives as itself. */
    public static class ParseError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        public ParseError(String message, int line, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /** Cannot be serialized, but can be rebuilt from its message. */
    public static class HoldsAHandle extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // on purpose: it makes the exception unserializable
        private final Object handle = new Object();

        public HoldsAHandle(String message) {
            super(message);
        }

        Object handle() {
            return handle;
        }
    }

    /** Neither serializable nor rebuildable from a message. */
    public static class Opaque extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        private final Object handle = new Object();

        public Opaque(int level, Throwable cause) {
            super("level " + level, cause);
        }

        /** Leaves the cause to {@link #initCause}. */
        public Opaque(int level) {
            super("level " + level);
        }

        Object handle() {
            return handle;
        }
    }

    /** Has a (String) constructor, but it does not keep the message as given. */
    public static class Prefixing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        private final Object handle = new Object();

        public Prefixing(String message) {
            super("prefix: " + message);
        }

        Object handle() {
            return handle;
        }
    }

    public static class MessageThrows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MessageThrows() {
            super("hidden");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message for you");
        }
    }

    public static class UnserializableMessageThrows extends MessageThrows {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        private final Object handle = new Object();

        Object handle() {
            return handle;
        }
    }

    private static Throwable roundTrip(Throwable thrown) {
        return roundTrip(thrown, LOADER);
    }

    private static Throwable roundTrip(Throwable thrown, ClassLoader loader) {
        Encoder out = new Encoder();
        out.writeInt(7);
        ThrowableCodec.write(out, thrown);
        out.writeInt(8);
        Decoder in = decoder(out.toByteArray());
        assertEquals(7, in.readInt());
        Throwable back = ThrowableCodec.read(in, loader);
        assertEquals(8, in.readInt(), "read consumed exactly what write wrote");
        assertFalse(in.hasRemaining());
        return back;
    }

    /** Frames compared by what the wire carries: class, method, file, line. */
    private static void assertSameFrames(StackTraceElement[] expected, StackTraceElement[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].getClassName(), actual[i].getClassName());
            assertEquals(expected[i].getMethodName(), actual[i].getMethodName());
            assertEquals(expected[i].getFileName(), actual[i].getFileName());
            assertEquals(expected[i].getLineNumber(), actual[i].getLineNumber());
        }
    }

    private static Throwable thrownHere(Throwable t) {
        try {
            throw t;
        } catch (Throwable caught) {
            return caught;
        }
    }

    @Test
    void aSerializableExceptionArrivesAsItself() {
        ParseError original = new ParseError("bad token at 3:14", 3,
                new IllegalStateException("lexer broke", new ArithmeticException("/ by zero")));
        Throwable back = roundTrip(original);
        assertSame(ParseError.class, back.getClass());
        assertEquals("bad token at 3:14", back.getMessage());
        assertEquals(3, ((ParseError) back).line());
        assertSameFrames(original.getStackTrace(), back.getStackTrace());
        assertTrue(back.getStackTrace().length > 0);

        Throwable cause = back.getCause();
        assertSame(IllegalStateException.class, cause.getClass());
        assertEquals("lexer broke", cause.getMessage());
        assertSameFrames(original.getCause().getStackTrace(), cause.getStackTrace());
        assertSame(ArithmeticException.class, cause.getCause().getClass());
        assertEquals("/ by zero", cause.getCause().getMessage());
        assertNull(cause.getCause().getCause());
    }

    @Test
    void anUnserializableExceptionWithAMessageConstructorIsRebuilt() {
        HoldsAHandle original = (HoldsAHandle) thrownHere(new HoldsAHandle("no handle for you"));
        original.initCause(new IllegalArgumentException("the cause"));
        Throwable back = roundTrip(original);
        assertSame(HoldsAHandle.class, back.getClass());
        assertEquals("no handle for you", back.getMessage());
        assertSameFrames(original.getStackTrace(), back.getStackTrace());
        assertSame(IllegalArgumentException.class, back.getCause().getClass());
        assertEquals("the cause", back.getCause().getMessage());
        assertSameFrames(original.getCause().getStackTrace(), back.getCause().getStackTrace());
    }

    @Test
    void anExceptionThatCannotBeRebuiltArrivesAsRemoteException() {
        Opaque original = new Opaque(1, new Opaque(2, null));
        Throwable back = roundTrip(original);
        RemoteException remote = assertInstanceOf(RemoteException.class, back);
        assertEquals(Opaque.class.getName(), remote.remoteClassName());
        assertEquals("level 1", remote.remoteMessage());
        assertEquals(Opaque.class.getName() + ": level 1", remote.getMessage());
        assertSameFrames(original.getStackTrace(), remote.getStackTrace());

        String trace = remote.remoteStackTrace();
        assertTrue(trace.startsWith(Opaque.class.getName() + ": level 1"), trace);
        assertTrue(trace.contains("\tat " + getClass().getName() + ".anExceptionThatCannotBeRebuiltArrivesAsRemoteException("),
                trace);
        assertTrue(trace.contains("Caused by: " + Opaque.class.getName() + ": level 2"), trace);

        RemoteException cause = assertInstanceOf(RemoteException.class, remote.getCause());
        assertEquals("level 2", cause.remoteMessage());
        assertNull(cause.getCause());

        Throwable prefixing = roundTrip(new Prefixing("original"));
        assertEquals("prefix: original", assertInstanceOf(RemoteException.class, prefixing).remoteMessage());
    }

    @Test
    void anExceptionWhoseClassIsMissingHereArrivesAsRemoteException() {
        // The child threw a class the parent does not have: rename it in the bytes, keeping its
        // length so that the serialized stream and the description stay well-formed.
        ParseError original = new ParseError("from afar", 1, new IllegalStateException("inner"));
        String name = ParseError.class.getName();
        String missing = name.substring(0, name.length() - 2) + "XX";
        Encoder out = new Encoder();
        ThrowableCodec.write(out, original);
        byte[] renamed = new String(out.toByteArray(), StandardCharsets.ISO_8859_1).replace(name, missing)
                .getBytes(StandardCharsets.ISO_8859_1);

        Throwable back = ThrowableCodec.read(decoder(renamed), LOADER);
        RemoteException remote = assertInstanceOf(RemoteException.class, back);
        assertEquals(missing, remote.remoteClassName());
        assertEquals("from afar", remote.remoteMessage());
        assertSameFrames(original.getStackTrace(), remote.getStackTrace());
        assertTrue(remote.remoteStackTrace().startsWith(missing + ": from afar"), remote.remoteStackTrace());
        assertSame(IllegalStateException.class, remote.getCause().getClass());
        assertEquals("inner", remote.getCause().getMessage());
    }

    @Test
    void aNullMessageStaysNull() {
        Throwable back = roundTrip(new Opaque(0, null) {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                return null;
            }
        });
        RemoteException remote = assertInstanceOf(RemoteException.class, back);
        assertNull(remote.remoteMessage());
        assertNull(roundTrip(new HoldsAHandle(null)).getMessage());
        assertSame(HoldsAHandle.class, roundTrip(new HoldsAHandle(null)).getClass());
        assertNull(roundTrip(new NullPointerException()).getMessage());
    }

    @Test
    void aLongCauseChainIsCutAtTheBound() {
        Throwable top = null;
        for (int level = 20; level >= 1; level--) {
            top = new Opaque(level, top);
        }
        Throwable back = roundTrip(top);
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = back; t != null; t = t.getCause()) {
            chain.add(t);
        }
        assertEquals(17, chain.size(), "the exception and its first 16 causes");
        for (int i = 0; i < chain.size(); i++) {
            assertEquals("level " + (i + 1), ((RemoteException) chain.get(i)).remoteMessage());
        }
        assertTrue(((RemoteException) back).remoteStackTrace().contains("level 17"));
        assertFalse(((RemoteException) back).remoteStackTrace().contains("level 18"));
    }

    @Test
    void aLongSerializableCauseChainArrivesWithoutFailing() {
        for (int length : new int[] {20, 500}) {
            Throwable top = null;
            for (int level = length; level >= 1; level--) {
                top = new IllegalStateException("level " + level, top);
            }
            Throwable back = roundTrip(top);
            int n = 0;
            for (Throwable t = back; t != null; t = t.getCause()) {
                assertSame(IllegalStateException.class, t.getClass());
                assertEquals("level " + ++n, t.getMessage());
            }
            assertTrue(n >= 17, "at least as much as the description carries: " + n);
        }
    }

    @Test
    void aCauseCycleEncodes() {
        Opaque a = new Opaque(1);
        Opaque b = new Opaque(2, a);
        a.initCause(b);
        Throwable back = roundTrip(a);
        int n = 0;
        for (Throwable t = back; t != null && n < 100; t = t.getCause()) {
            n++;
        }
        assertEquals(17, n);

        IllegalStateException c = new IllegalStateException("c");
        IllegalArgumentException d = new IllegalArgumentException("d", c);
        c.initCause(d);
        back = roundTrip(c);
        assertEquals("c", back.getMessage());
        assertEquals("d", back.getCause().getMessage());
    }

    @Test
    void anExceptionWhoseGetMessageThrowsStillEncodes() {
        Throwable back = roundTrip(new MessageThrows());
        assertSame(MessageThrows.class, back.getClass());

        UnserializableMessageThrows original = new UnserializableMessageThrows();
        back = roundTrip(original);
        RemoteException remote = assertInstanceOf(RemoteException.class, back);
        assertEquals(UnserializableMessageThrows.class.getName(), remote.remoteClassName());
        assertNotNull(remote.remoteMessage());
        assertTrue(remote.remoteMessage().contains("getMessage() threw"), remote.remoteMessage());
        assertSameFrames(original.getStackTrace(), remote.getStackTrace());
    }

    @Test
    void errorsAndExceptionsWithoutFrames() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        oom.setStackTrace(new StackTraceElement[0]);
        Throwable back = roundTrip(oom);
        assertSame(OutOfMemoryError.class, back.getClass());
        assertEquals(0, back.getStackTrace().length);

        Opaque opaque = new Opaque(3, null);
        opaque.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("a.B", "native", null, -2), new StackTraceElement("a.B", "c", "B.java", 9)});
        RemoteException remote = (RemoteException) roundTrip(opaque);
        assertSameFrames(opaque.getStackTrace(), remote.getStackTrace());
        assertTrue(remote.remoteStackTrace().contains("\tat a.B.native(Native Method)"), remote.remoteStackTrace());
    }

    @Test
    void aCorruptDescriptionFailsWithoutAllocating() {
        // No serialized form, then a description that claims 2^31-1 frames in a few bytes.
        Encoder out = new Encoder();
        out.writeBoolean(false);
        out.writeString("java.lang.RuntimeException");
        out.writeString("boom");
        out.writeVarInt(Integer.MAX_VALUE);
        out.writeInt(0);
        byte[] message = out.toByteArray();
        WireTesting.assertAllocatesLessThan(1 << 20,
                () -> assertThrows(WireException.class, () -> ThrowableCodec.read(decoder(message), LOADER)));

        Encoder nullFrame = new Encoder();
        nullFrame.writeBoolean(false);
        nullFrame.writeString("java.lang.RuntimeException");
        nullFrame.writeString("boom");
        nullFrame.writeVarInt(1);
        nullFrame.writeString(null);
        nullFrame.writeString(null);
        nullFrame.writeString(null);
        nullFrame.writeInt(0);
        nullFrame.writeBoolean(false);
        assertThrows(WireException.class, () -> ThrowableCodec.read(decoder(nullFrame.toByteArray()), LOADER));
    }
}
