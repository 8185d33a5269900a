package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.Scheduler;
import io.multiprocessing4j.internal.wire.FrameChannel;
import io.multiprocessing4j.internal.wire.Handshake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent's side of every child connection: one listening socket per parent JVM, created on
 * first use, and the handshake that admits a child.
 *
 * <p>The socket listens on the loopback interface only. Any local process can connect to it, so
 * the handshake is what keeps strangers out: a connection must present a child id and that
 * child's 32-byte secret, which only ever travelled down the child's own standard-input pipe,
 * within a few seconds, or it is closed; nothing it sent is ever decoded. (A Unix-domain socket
 * in a private directory would keep strangers from connecting at all, but costs every child JVM
 * about 18 ms more to load; measured in the README.)
 *
 * <p>The classpath goes to children in an argument file, readable by this user only. It is
 * deleted when the parent exits; files left by a parent that was killed are swept by the next
 * parent that starts.
 */
public final class ParentEndpoint {

    private static final String FILE_PREFIX = "mp4j-";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final String FILE_SUFFIX = ".args";
    private static final long SWEEP_DELAY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A connection that has not said hello by then is not one of our children. */
    private static final int HELLO_TIMEOUT_MILLIS = 10_000;

    private static ParentEndpoint instance;

    private final ServerSocket server;
    private final Map<Long, Expected> expected = new ConcurrentHashMap<>();

    private ParentEndpoint() throws IOException {
        server = new ServerSocket();
        server.setReceiveBufferSize(FrameChannel.SOCKET_BUFFER); // before bind, to reach accepted sockets
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        Thread acceptor = new Thread(this::acceptLoop, "multiprocessing4j-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "multiprocessing4j-close"));
        // Later, not now: the first children are starting, and listing the temp directory would
        // compete with them for the CPU.
        Scheduler.after(SWEEP_DELAY_NANOS, ParentEndpoint::sweepStaleFiles);
    }

    /** The endpoint, created on first call. */
    public static synchronized ParentEndpoint get() {
        if (instance == null) {
            try {
                instance = new ParentEndpoint();
            } catch (IOException e) {
                throw new UncheckedIOException("multiprocessing4j cannot open the loopback socket its"
                        + " children connect to: " + e, e);
            }
        }
        return instance;
    }

    /** The loopback port children connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * The argument file that gives a child JVM the parent's classpath, written on first call and
     * deleted when this JVM exits.
     *
     * @throws java.io.UncheckedIOException if it cannot be written
     */
    public static Path argFile() {
        return ArgFile.PATH;
    }

    /** Holds the argument file, created when first needed. */
    private static final class ArgFile {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path file = createPrivateFile();
                Files.write(file, argFileText(System.getProperty("java.class.path")).getBytes(StandardCharsets.UTF_8));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(file), "multiprocessing4j-cleanup"));
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("multiprocessing4j cannot write the argument file for its"
                        + " children in " + System.getProperty("java.io.tmpdir") + ": " + e, e);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort: a later parent sweeps what is left
            }
        }
    }

    /**
     * Admits one child: the returned future completes with its channel once a connection has said
     * hello with {@code childId} and {@code childSecret}, and has been answered with
     * {@code parentSecret}. Call {@link #forget(long)} if the child will never come.
     */
    CompletableFuture<FrameChannel> expect(long childId, byte[] childSecret, byte[] parentSecret) {
        Expected entry = new Expected(childSecret, parentSecret);
        expected.put(childId, entry);
        return entry.connected;
    }

    /** Stops waiting for {@code childId}; a late hello with its id is then refused. */
    void forget(long childId) {
        expected.remove(childId);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread admission = new Thread(() -> admit(connection), "multiprocessing4j-admission");
                admission.setDaemon(true);
                admission.start();
            } catch (IOException e) {
                // a failed accept or a closed server; the loop condition decides
            }
        }
    }

    /**
     * Reads the hello of a new connection and either hands it to its launcher or closes it. Runs on
     * a thread of its own, so that a stranger who connects and says nothing cannot hold up the
     * children behind it.
     */
    private void admit(Socket connection) {
        try {
            connection.setSoTimeout(HELLO_TIMEOUT_MILLIS);
            FrameChannel channel = new FrameChannel(connection);
            byte[] hello = new byte[Handshake.HELLO_BYTES];
            if (!channel.readRaw(hello)) {
                connection.close();
                return;
            }
            ByteBuffer fields = ByteBuffer.wrap(hello);
            if (fields.getInt() != Handshake.MAGIC || fields.get() != Handshake.VERSION) {
                connection.close();
                return;
            }
            long childId = fields.getLong();
            byte[] secret = new byte[Handshake.SECRET_BYTES];
            fields.get(secret);
            Expected entry = expected.get(childId);
            if (entry == null || !Handshake.matches(entry.childSecret, secret)
                    || !expected.remove(childId, entry)) {
                connection.close();
                return;
            }
            connection.setSoTimeout(0);
            channel.writeRaw(entry.parentSecret);
            if (!entry.connected.complete(channel)) {
                connection.close();
            }
        } catch (IOException e) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    /**
     * Creates the argument file, readable by this user only. The name is made here rather than by
     * {@code Files.createTempFile}, whose random names cost a {@code SecureRandom}; creating it
     * with {@code CREATE_NEW} refuses a file or link someone else put there, and the next name is
     * tried.
     */
    private static Path createPrivateFile() throws IOException {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        String prefix = FILE_PREFIX + ProcessHandle.current().pid() + "-";
        long unique = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            Path file = tmp.resolve(prefix + Long.toHexString(unique + attempt) + FILE_SUFFIX);
            try {
                try {
                    return Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (UnsupportedOperationException e) {
                    return Files.createFile(file);
                }
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** The java launcher's argument-file syntax: backslashes and quotes escaped inside quotes. */
    static String argFileText(String classpath) {
        String quoted = classpath.replace("\\", "\\\\").replace("\"", "\\\"");
        return "-cp\n\"" + quoted + "\"\n";
    }

    /** Stops listening; closing the socket also releases the acceptor thread from native code. */
    private void close() {
        try {
            server.close();
        } catch (IOException e) {
            // exiting anyway
        }
    }

    /** Deletes the argument files of parents that died without cleaning up (kill -9). */
    private static void sweepStaleFiles() {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, FILE_PREFIX + "*" + FILE_SUFFIX)) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().split("-");
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(entry);
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    // not one of ours
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static final class Expected {
        final byte[] childSecret;
        final byte[] parentSecret;
        final CompletableFuture<FrameChannel> connected = new CompletableFuture<>();

        Expected(byte[] childSecret, byte[] parentSecret) {
            this.childSecret = childSecret;
            this.parentSecret = parentSecret;
        }
    }
}
