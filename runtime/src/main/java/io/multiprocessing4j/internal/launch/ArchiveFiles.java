package io.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The files of the class-data archive directory, shared by the parent ({@link ClassDataArchive})
 * and the JVM that assembles an AOT cache ({@link AotCacheAssembler}).
 *
 * <p>Names, all beginning with an archive's name ({@code <hash>}, see {@link ClassDataArchive}):
 *
 * <ul>
 *   <li>{@code <hash>.<size>.<crc>.jsa} or {@code .aot}: a whole archive, moved into place under
 *       this name in one atomic rename once it was complete;
 *   <li>{@code <hash>.<owner pid>.<unique>[.kind].tmp}: a file being written (a recording, an
 *       argument file, a cache being assembled), by or for the process whose pid it carries.
 *       Nothing else ends in {@code .tmp}. Its owner deletes it when done, whatever happened, and
 *       a process that dies before it could ({@code kill -9}) leaves it to the next parent, which
 *       deletes every temporary file whose owner is no longer alive ({@link #sweep}).
 * </ul>
 */
final class ArchiveFiles {

    static final String TEMPORARY = ".tmp";
    /** Archives kept in the directory; older ones are deleted when a new one is made. */
    private static final int KEEP = 8;

    private ArchiveFiles() {}

    /** A new temporary name beside {@code archive}, owned by this process. */
    static Path temporary(Path archive, String kind) {
        return archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + kind + TEMPORARY);
    }

    /**
     * Moves a complete archive into place, under a name that says its size and CRC-32, in one
     * atomic rename: a reader never sees a part of it. Older archives beyond {@link #KEEP} go.
     */
    static Path publish(Path made, Path archive, String suffix) throws IOException {
        long size = Files.size(made);
        Path published = archive.resolveSibling(archive.getFileName() + "." + size + "." + Long.toHexString(crc(made))
                + suffix);
        Files.move(made, published, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forgetOldArchives(archive.getParent(), suffix);
        return published;
    }

    static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    /**
     * Whether some live process other than this one is recording or assembling {@code archive}
     * now: it has a temporary file of that name. (A recycled pid makes a dead owner look alive
     * until that process ends too: then one recording is skipped, nothing worse.)
     */
    static boolean othersAtWork(Path archive) {
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(archive.getParent(),
                archive.getFileName() + ".*" + TEMPORARY)) {
            for (Path entry : entries) {
                long owner = owner(entry);
                if (owner != self && owner > 0 && ProcessHandle.of(owner).isPresent()) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // then nobody is known to be at work
        }
        return false;
    }

    /** Deletes the temporary files in {@code directory} whose owner is no longer alive. */
    static void sweep(Path directory) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + TEMPORARY)) {
            for (Path entry : entries) {
                long owner = owner(entry);
                if (owner > 0 && ProcessHandle.of(owner).isEmpty()) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the next parent sweeps again
        }
    }

    /** The owner's pid that a temporary file's name carries, or -1. */
    private static long owner(Path temporary) {
        String[] parts = temporary.getFileName().toString().split("\\.");
        try {
            return parts.length >= 4 ? Long.parseLong(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: the next parent sweeps what is left
        }
    }

    private static void forgetOldArchives(Path directory, String suffix) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + suffix)) {
            entries.forEach(archives::add);
        }
        if (archives.size() <= KEEP) {
            return;
        }
        archives.sort(Comparator.comparingLong(ArchiveFiles::lastModified).reversed());
        for (Path old : archives.subList(KEEP, archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long lastModified(Path file) {
        return file.toFile().lastModified();
    }
}
