package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.shm.ProgramDirectory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: this JVM's own {@code java}, the parent's classpath through an
 * argument file (a long classpath fits, and stays off {@code ps}), lean defaults, the user's
 * options, the id of the program the child belongs to (see {@code ProgramDirectory}), and the one
 * generic child main class.
 */
final class JvmCommand {

    static final String CHILD_MAIN = "io.multiprocessing4j.internal.child.ChildMain";

    /**
     * Defaults that make a child cheap to start and leave nothing behind; the user's options come
     * after them and win. {@code -XX:-UsePerfData} keeps the JVM from creating its
     * {@code hsperfdata} file, which a killed child would leave in the temp directory.
     * {@code -Xshare:auto} maps the JDK's class-data archive when there is one. {@code -Xms32m}
     * starts the heap small (the JVM's default is 1/64 of the machine's memory): a fresh child
     * then touches, and the kernel zeroes, far fewer pages before it is useful (measured: a
     * worker's first megabyte-sized round trips are about a seventh faster), and the heap still
     * grows to the default maximum as needed.
     */
    private static final List<String> DEFAULTS = List.of("-XX:-UsePerfData", "-Xshare:auto");
    /** Only when the user sizes no heap: an initial size above their maximum would stop the JVM. */
    private static final String DEFAULT_INITIAL_HEAP = "-Xms32m";
    /** The serial collector starts fastest and keeps a small footprint, unless the user picked one. */
    private static final String DEFAULT_GC = "-XX:+UseSerialGC";

    private JvmCommand() {}

    static List<String> build(Path argFile, List<String> sharing, List<String> userOptions) {
        List<String> command = new ArrayList<>(8 + userOptions.size());
        command.add(javaExecutable());
        command.add("@" + argFile);
        command.addAll(DEFAULTS);
        command.addAll(sharing);
        if (!choosesCollector(userOptions)) {
            command.add(DEFAULT_GC);
        }
        if (!sizesHeap(userOptions)) {
            command.add(DEFAULT_INITIAL_HEAP);
        }
        command.addAll(userOptions);
        // After the user's options: a child always belongs to its parent's program.
        command.addAll(ProgramDirectory.childOptions());
        command.add(CHILD_MAIN);
        return command;
    }

    private static boolean choosesCollector(List<String> options) {
        for (String option : options) {
            if (option.startsWith("-XX:+Use") && option.endsWith("GC")) {
                return true;
            }
        }
        return false;
    }

    private static boolean sizesHeap(List<String> options) {
        for (String option : options) {
            if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.contains("HeapSize")
                    || option.contains("MaxRAM") || option.contains("RAMPercentage")) {
                return true;
            }
        }
        return false;
    }

    private static String javaExecutable() {
        Path bin = Paths.get(System.getProperty("java.home"), "bin");
        Path java = bin.resolve("java");
        return java.toFile().canExecute() ? java.toString() : bin.resolve("java.exe").toString();
    }
}
