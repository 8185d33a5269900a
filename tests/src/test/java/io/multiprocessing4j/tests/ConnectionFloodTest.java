package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.internal.launch.ParentEndpoint;
import io.multiprocessing4j.internal.wire.Handshake;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of strangers connect to the parent's port, the way a hostile local user could: some
 * say nothing, some send garbage, some half a hello, some a whole hello with a wrong secret. The
 * parent must spend bounded resources on them (no thread per connection, at most a fixed number
 * of connections waiting), a pool started in the middle of the flood must start and work, and
 * once the strangers have gone, threads, file descriptors and memory are back where they were.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionFloodTest {

    /** The parent's own threads may grow by the pool's (a reader and two pumps per worker) and a few more. */
    private static final int THREAD_SLACK = 40;
    /** Descriptors the JVM may open for itself meanwhile (jars, the pool's leftovers not yet collected). */
    private static final int DESCRIPTOR_SLACK = 24;
    /** Resident memory may grow this much: each thread per connection used to cost about 150 KB. */
    private static final long RESIDENT_SLACK_KB = 96 * 1024;
    private static final int WANTED_STRANGERS = 3000;
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void strangersCostBoundedResourcesAndNeverKeepAChildOut() throws Exception {
        try (Pool warmUp = Pool.create(1)) {
            assertEquals(4, warmUp.apply(PoolJobsTasks.square(2)));
        }
        ParentEndpoint endpoint = ParentEndpoint.get();
        int threadsBefore = THREADS.getThreadCount();
        int descriptorsBefore = openDescriptors();
        long residentBefore = residentKb();
        int strangers = Math.min(WANTED_STRANGERS, (descriptorLimit() - descriptorsBefore) / 3);
        assertTrue(strangers >= 500, "too few file descriptors for the test: " + descriptorLimit());

        Flood flood = new Flood(endpoint.port(), strangers, endpoint);
        Thread flooder = new Thread(flood, "flooder");
        flooder.start();
        try {
            Support.awaitTrue("the flood is under way", SETTLE, () -> flood.opened.get() >= strangers / 4);
            try (Pool pool = Pool.create(2)) {
                List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());
                assertEquals(items.stream().map(x -> x * x).collect(Collectors.toList()),
                        pool.map(PoolJobsTasks::square, items), "a pool started during the flood works");
                flood.sample();
            }
            flooder.join(TimeUnit.SECONDS.toMillis(120));
            assertTrue(!flooder.isAlive(), "the flood did not finish");
            if (flood.failure != null) {
                throw new AssertionError("the flood itself failed", flood.failure);
            }
            assertEquals(strangers, flood.opened.get(), "every stranger got a connection: the port refused none");
            assertTrue(flood.maxThreads <= threadsBefore + THREAD_SLACK, "the parent went from " + threadsBefore
                    + " to " + flood.maxThreads + " threads during the flood");
            assertTrue(flood.maxPending <= 128, "at most 128 connections wait for a hello, not " + flood.maxPending);
        } finally {
            flood.closeAll();
        }

        Support.awaitTrue("no connection waits for its hello any more", SETTLE,
                () -> endpoint.pendingHandshakes() == 0, () -> endpoint.pendingHandshakes() + " still wait");
        Support.awaitTrue("the file descriptors have been released", SETTLE,
                () -> openDescriptors() <= descriptorsBefore + DESCRIPTOR_SLACK,
                () -> openDescriptors() + " open, " + descriptorsBefore + " before");
        Support.awaitTrue("the threads are back", SETTLE,
                () -> THREADS.getThreadCount() <= threadsBefore + 4,
                () -> THREADS.getThreadCount() + " threads, " + threadsBefore + " before");
        long grewKb = residentKb() - residentBefore;
        assertTrue(grewKb <= RESIDENT_SLACK_KB, "resident memory grew by " + grewKb / 1024 + " MB");

        try (Pool after = Pool.create(1)) {
            assertEquals(49, after.apply(PoolJobsTasks.square(7)), "the endpoint still admits children");
        }
    }

    /** Opens the strangers' connections, four kinds in turn, and watches the parent meanwhile. */
    private static final class Flood implements Runnable {
        private final int port;
        private final int count;
        private final ParentEndpoint endpoint;
        private final List<Socket> sockets = new ArrayList<>();
        final AtomicInteger opened = new AtomicInteger();
        volatile int maxThreads;
        volatile int maxPending;
        volatile Throwable failure;

        Flood(int port, int count, ParentEndpoint endpoint) {
            this.port = port;
            this.count = count;
            this.endpoint = endpoint;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < count; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    greet(socket, i % 4);
                    opened.incrementAndGet();
                    if (i % 50 == 0) {
                        sample();
                    }
                }
                sample();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
        }

        /** Idle, garbage, half a hello, a whole hello with a wrong secret. */
        private static void greet(Socket socket, int kind) throws IOException {
            byte[] hello = Handshake.hello(ThreadLocalRandom.current().nextLong(1, 1000), new byte[Handshake.SECRET_BYTES]);
            switch (kind) {
                case 0:
                    break;
                case 1:
                    byte[] garbage = new byte[64];
                    ThreadLocalRandom.current().nextBytes(garbage);
                    garbage[0] = 0; // never the magic
                    socket.getOutputStream().write(garbage);
                    break;
                case 2:
                    socket.getOutputStream().write(Arrays.copyOf(hello, 20));
                    break;
                default:
                    socket.getOutputStream().write(hello);
                    break;
            }
        }

        void sample() {
            maxThreads = Math.max(maxThreads, THREADS.getThreadCount());
            maxPending = Math.max(maxPending, endpoint.pendingHandshakes());
        }

        void closeAll() {
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closing is all we wanted
                    }
                }
                sockets.clear();
            }
        }
    }

    private static int openDescriptors() {
        String[] entries = new File("/proc/self/fd").list();
        return entries == null ? 0 : entries.length;
    }

    private static int descriptorLimit() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Integer.parseInt(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        return 1024;
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
