package io.multiprocessing4j.internal.wire;

import io.multiprocessing4j.RemoteException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;

/**
 * Carries an exception from a child to its parent so that the parent can rethrow the original:
 * same class, same message, the child's stack trace.
 *
 * <p>The child sends two things: the exception JDK-serialized, when that works, and always a
 * plain description (class name, message, frames, cause chain). The parent takes the first that
 * it can turn back into an object: the serialized exception; else an instance of the same class
 * built through its {@code (String)} constructor, with the child's frames; else a
 * {@link RemoteException} that holds the description as text. An exception therefore always
 * arrives, whatever it holds.
 */
public final class ThrowableCodec {

    /** Deeper cause chains are cut; a cycle or a runaway chain must not blow the message up. */
    private static final int MAX_CAUSES = 16;

    private ThrowableCodec() {}

    /**
     * Writes {@code thrown}; never fails because of what the exception holds: its
     * {@code writeObject}, {@code getMessage}, {@code getCause} or {@code getStackTrace} may throw
     * anything, an {@code Error} included, and what cannot be had is written as saying so. Only
     * an {@link OutOfMemoryError} passes through.
     */
    public static void write(Encoder out, Throwable thrown) {
        byte[] serialized = serialize(thrown);
        out.writeBoolean(serialized != null);
        if (serialized != null) {
            out.writeByteArray(serialized);
        }
        writeDescription(out, thrown, 0);
    }

    /**
     * {@code thrown}'s class name and message, for a message about it, whatever its
     * {@code getMessage} does.
     */
    public static String describe(Throwable thrown) {
        String message = safeMessage(thrown);
        return message == null ? thrown.getClass().getName() : thrown.getClass().getName() + ": " + message;
    }

    private static byte[] serialize(Throwable thrown) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(thrown);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            return null;
        }
        return bytes.toByteArray();
    }

    private static void writeDescription(Encoder out, Throwable thrown, int depth) {
        out.writeString(thrown.getClass().getName());
        out.writeString(safeMessage(thrown));
        StackTraceElement[] frames;
        try {
            frames = thrown.getStackTrace();
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            frames = new StackTraceElement[0];
        }
        out.writeVarInt(frames.length);
        for (StackTraceElement frame : frames) {
            out.writeString(frame.getClassName());
            out.writeString(frame.getMethodName());
            out.writeString(frame.getFileName());
            out.writeInt(frame.getLineNumber());
        }
        Throwable cause;
        try {
            cause = thrown.getCause();
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            cause = new IllegalStateException("(getCause() threw " + e.getClass().getName() + ")");
        }
        boolean more = cause != null && cause != thrown && depth < MAX_CAUSES;
        out.writeBoolean(more);
        if (more) {
            writeDescription(out, cause, depth + 1);
        }
    }

    /** A message is user code too: it may throw. */
    private static String safeMessage(Throwable thrown) {
        try {
            return thrown.getMessage();
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    /** Reads what {@link #write} wrote and rebuilds the best exception it can. */
    public static Throwable read(Decoder in, ClassLoader loader) {
        byte[] serialized = in.readBoolean() ? in.readByteArray() : null;
        Description description = readDescription(in);
        if (serialized != null) {
            try {
                Object value = SerialFilter.read(serialized, loader);
                if (value instanceof Throwable) {
                    return (Throwable) value;
                }
            } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                // fall through to the description, which always works
            }
        }
        return rebuild(description, loader);
    }

    private static Description readDescription(Decoder in) {
        String className = in.readString();
        String message = in.readString();
        // The count comes from the peer: unchecked, a corrupt one allocated up to 2^31-1
        // elements (an OutOfMemoryError) before reading any. A frame takes at least 7 bytes.
        StackTraceElement[] frames = new StackTraceElement[in.checkLength(in.readVarInt(), 7)];
        for (int i = 0; i < frames.length; i++) {
            String declaringClass = in.readString();
            String method = in.readString();
            if (declaringClass == null || method == null) {
                // new StackTraceElement would throw NullPointerException
                throw new WireException("a stack frame without a class or a method name", null);
            }
            String file = in.readString();
            frames[i] = new StackTraceElement(declaringClass, method, file, in.readInt());
        }
        Description cause = in.readBoolean() ? readDescription(in) : null;
        return new Description(className, message, frames, cause);
    }

    private static Throwable rebuild(Description description, ClassLoader loader) {
        Throwable cause = description.cause == null ? null : rebuild(description.cause, loader);
        Throwable rebuilt = instantiate(description, loader);
        if (rebuilt == null) {
            rebuilt = new RemoteException(description.className, description.message, description.text());
        }
        rebuilt.setStackTrace(description.frames);
        if (cause != null && rebuilt.getCause() == null) {
            try {
                rebuilt.initCause(cause);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the class fixed its cause in its constructor; keep that one
            }
        }
        return rebuilt;
    }

    /** The same class through its message constructor, or {@code null} if that is not possible. */
    private static Throwable instantiate(Description description, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(description.className, false, loader);
            if (!Throwable.class.isAssignableFrom(type)) {
                return null;
            }
            Constructor<?> constructor = type.getConstructor(String.class);
            Throwable rebuilt = (Throwable) constructor.newInstance(description.message);
            return sameMessage(rebuilt, description.message) ? rebuilt : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static boolean sameMessage(Throwable rebuilt, String message) {
        String actual = safeMessage(rebuilt);
        return message == null ? actual == null : message.equals(actual);
    }

    private static final class Description {
        final String className;
        final String message;
        final StackTraceElement[] frames;
        final Description cause;

        Description(String className, String message, StackTraceElement[] frames, Description cause) {
            this.className = className;
            this.message = message;
            this.frames = frames;
            this.cause = cause;
        }

        /** The description as {@code printStackTrace} would print it. */
        String text() {
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text);
            for (Description d = this; d != null; d = d.cause) {
                out.print(d == this ? "" : "Caused by: ");
                out.println(d.message == null ? d.className : d.className + ": " + d.message);
                for (StackTraceElement frame : d.frames) {
                    out.println("\tat " + frame);
                }
            }
            out.flush();
            return text.toString();
        }
    }
}
