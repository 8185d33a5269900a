package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.PoolTask;
import java.util.Random;

/** Pool tasks that carry large byte arrays each way, for {@link LargePayloadTest}. */
public class Payloads {

    /** The bytes in reverse order: a new array, the size of the one that came. */
    @PoolTask
    static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    /** {@code length} bytes from {@code new Random(seed)}. */
    @PoolTask
    static byte[] filled(int length, long seed) {
        return bytes(length, seed);
    }

    /** {@code length} bytes from {@code new Random(seed)}, in both this JVM and a worker. */
    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** "pid length": where it ran and how many bytes arrived. */
    @PoolTask
    static String pidAndLength(byte[] bytes) {
        return ProcessHandle.current().pid() + " " + bytes.length;
    }

    /**
     * Returns {@code length} bytes, and halts this worker (exit code 7) once the thread that ran
     * the task is writing them to the parent: a worker that dies while its large result is on the
     * way.
     */
    @PoolTask
    static byte[] haltWhileSending(int length) {
        Thread sender = Thread.currentThread();
        Thread halter = new Thread(() -> {
            while (!writingToSocket(sender)) {
                Thread.onSpinWait();
            }
            Runtime.getRuntime().halt(7);
        }, "halter");
        halter.setDaemon(true);
        halter.start();
        return new byte[length];
    }

    private static boolean writingToSocket(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().endsWith("FrameChannel") && frame.getMethodName().equals("send")) {
                return true;
            }
        }
        return false;
    }
}
