package io.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The main class of the JVM that turns a recorded AOT configuration into an AOT cache (JDK 25 on;
 * see {@link ClassDataArchive}), started by the parent once the child that recorded the
 * configuration has exited. It runs the JDK's own assembly ({@code java -XX:AOTMode=create}) as
 * its child, waits for it, and moves the cache into place in one atomic rename; it runs none of
 * the application's code, and takes about a second or two of one core, once per class path.
 *
 * <p>It is the one process of the runtime that may outlive the program that started it, so that
 * a short program, which has ended before its cache is assembled, still leaves one for its next
 * run. It is bounded all the same: it gives the assembly {@code timeoutSeconds} and then kills
 * it. It owns every file it uses, under temporary names that carry its pid
 * ({@link ArchiveFiles}): the configuration and the argument file it was handed (renamed to its
 * own names first), and the cache being written. It deletes them however it ends: done, failed,
 * timed out, or stopped by a signal that runs shutdown hooks ({@code SIGTERM}, {@code SIGINT}
 * from Ctrl-C, {@code SIGHUP}), after which it first kills the assembly and waits for it, so
 * that nothing writes a file after it was deleted. A cache is only ever seen under its final
 * name once it is complete; the JVM that maps it checks it again. After a {@code kill -9}, its
 * files are deleted by the next parent that uses the directory, since their owner is dead.
 *
 * <p>Arguments: the archive's name (the path without size, checksum and suffix), the recorded
 * configuration, the argument file that gives the class path, the timeout in seconds, then the
 * options the recording child had (the assembly must have the same).
 *
 * <p>Thread-safety: the main thread assembles; the shutdown hook may run at any time, and both
 * meet under the class monitor.
 */
public final class AotCacheAssembler {

    private static Path configuration;
    private static Path argumentFile;
    private static Path cache;
    private static Process assembly;
    /** Set by the shutdown hook: the cache is not moved into place after it ran. */
    private static boolean stopping;

    private AotCacheAssembler() {}

    public static void main(String[] args) throws InterruptedException {
        Path archive = Paths.get(args[0]);
        Path handedConfiguration = Paths.get(args[1]);
        Path handedArgumentFile = Paths.get(args[2]);
        long timeoutSeconds = Long.parseLong(args[3]);
        List<String> options = Arrays.asList(args).subList(4, args.length);
        Runtime.getRuntime().addShutdownHook(new Thread(AotCacheAssembler::stop, "multiprocessing4j-assembler-stop"));
        int exit = 1;
        try {
            synchronized (AotCacheAssembler.class) {
                configuration = adopt(handedConfiguration, archive, ".aotconf");
                argumentFile = adopt(handedArgumentFile, archive, ".args");
                cache = ArchiveFiles.temporary(archive, ".aot");
                assembly = new ProcessBuilder(command(options)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            }
            if (!assembly.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                assembly.destroyForcibly().waitFor();
            }
            synchronized (AotCacheAssembler.class) {
                if (!stopping && assembly.exitValue() == 0 && Files.size(cache) > 0) {
                    ArchiveFiles.deleteQuietly(configuration);
                    ArchiveFiles.deleteQuietly(argumentFile);
                    ArchiveFiles.publish(cache, archive, ".aot");
                    exit = 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cache this time: the next program records again
        } finally {
            cleanUp();
            ArchiveFiles.deleteQuietly(handedConfiguration); // if it could not be adopted
            ArchiveFiles.deleteQuietly(handedArgumentFile);
        }
        System.exit(exit);
    }

    private static List<String> command(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(JvmCommand.javaExecutable());
        command.add("@" + argumentFile);
        command.addAll(options);
        command.add("-XX:AOTMode=create");
        command.add("-XX:AOTConfiguration=" + configuration);
        command.add("-XX:AOTCache=" + cache);
        return command;
    }

    /** Takes a file over from the parent: renamed to a temporary name of this process's own. */
    private static Path adopt(Path handed, Path archive, String kind) throws IOException {
        Path own = ArchiveFiles.temporary(archive, kind);
        Files.move(handed, own, StandardCopyOption.ATOMIC_MOVE);
        return own;
    }

    /** The shutdown hook: no cache after this; the assembly is killed before its files go. */
    private static void stop() {
        synchronized (AotCacheAssembler.class) {
            stopping = true;
            if (assembly != null && assembly.isAlive()) {
                assembly.destroyForcibly();
                try {
                    assembly.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // exiting anyway
                }
            }
            cleanUp();
        }
    }

    private static synchronized void cleanUp() {
        ArchiveFiles.deleteQuietly(configuration);
        ArchiveFiles.deleteQuietly(argumentFile);
        ArchiveFiles.deleteQuietly(cache);
    }
}
