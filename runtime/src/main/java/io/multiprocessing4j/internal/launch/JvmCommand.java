package io.multiprocessing4j.internal.launch;

import io.multiprocessing4j.internal.shm.ProgramDirectory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: this JVM's own {@code java}; the child's name and its
 * parent's pid, so that {@code ps} tells one child from another; the class path through an
 * {@linkplain ArgumentFile argument file} (a long class path fits, and stays off {@code ps});
 * lean defaults; the user's options; the id of the program the child belongs to (see
 * {@code ProgramDirectory}); and the one generic child main class. In {@code ps}:
 *
 * <pre>
 * java -Dmultiprocessing4j.name=PoolWorker-3 -Dmultiprocessing4j.parentPid=1234 @/tmp/mp4j-1234-....args
 *      -XX:-UsePerfData -Xshare:auto ... io.multiprocessing4j.internal.child.ChildMain
 * </pre>
 *
 * <p>Nothing secret is on it: the secrets travel on the child's standard input.
 */
final class JvmCommand {

    static final String CHILD_MAIN = "io.multiprocessing4j.internal.child.ChildMain";
    /** Shows the child's name in {@code ps}; the child learns its name from its parent, not from this. */
    static final String NAME_PROPERTY = "multiprocessing4j.name";
    /** Shows the parent's pid in {@code ps}. */
    static final String PARENT_PID_PROPERTY = "multiprocessing4j.parentPid";
    /** A name longer than this is cut on the command line, where it is only for people to read. */
    private static final int MAX_NAME_CHARS = 200;

    /**
     * Defaults that make a child cheap to start and leave nothing behind; the user's options come
     * after them and win. {@code -XX:-UsePerfData} keeps the JVM from creating its
     * {@code hsperfdata} file, which a killed child would leave in the temp directory. Without
     * that file a child is not listed by {@code jps} (nor by {@code jcmd} without arguments, nor
     * seen by {@code jstat}); {@code jcmd <pid>}, {@code jstack <pid>} and {@code ps} still work.
     * A child given {@code -XX:+UsePerfData} among its options is listed again.
     * The class-data sharing options follow ({@link ClassDataArchive}: {@code -Xshare:auto}, which
     * maps the JDK's class-data archive when there is one, or an AOT cache). {@code -Xms32m}
     * starts the heap small (the JVM's default is 1/64 of the machine's memory): a fresh child
     * then touches, and the kernel zeroes, far fewer pages before it is useful (measured: a
     * worker's first megabyte-sized round trips are about a seventh faster), and the heap still
     * grows to the default maximum as needed.
     */
    private static final List<String> DEFAULTS = List.of("-XX:-UsePerfData");
    /** Only when the user sizes no heap: an initial size above their maximum would stop the JVM. */
    private static final String DEFAULT_INITIAL_HEAP = "-Xms32m";
    /** The serial collector starts fastest and keeps a small footprint, unless the user picked one. */
    private static final String DEFAULT_GC = "-XX:+UseSerialGC";

    private JvmCommand() {}

    static List<String> build(String name, long parentPid, Path argFile, List<String> sharing,
            List<String> userOptions) {
        List<String> command = new ArrayList<>(10 + userOptions.size());
        command.add(javaExecutable());
        command.add("-D" + NAME_PROPERTY + "=" + printable(name));
        command.add("-D" + PARENT_PID_PROPERTY + "=" + parentPid);
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

    /**
     * The name as {@code ps} can show it: control characters (a newline would split the line, and
     * a NUL cannot be passed at all) become {@code ?}, and a very long name is cut.
     */
    static String printable(String name) {
        StringBuilder shown = new StringBuilder(Math.min(name.length(), MAX_NAME_CHARS));
        for (int i = 0; i < name.length() && shown.length() < MAX_NAME_CHARS; i++) {
            char c = name.charAt(i);
            shown.append(Character.isISOControl(c) ? '?' : c);
        }
        return shown.toString();
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

    static String javaExecutable() {
        Path bin = Paths.get(System.getProperty("java.home"), "bin");
        Path java = bin.resolve("java");
        return java.toFile().canExecute() ? java.toString() : bin.resolve("java.exe").toString();
    }
}
