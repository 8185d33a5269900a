package io.multiprocessing4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmark cases and prints one line per case, {@code <case> <value> <unit>}, exactly as
 * {@code cpython_baseline.py} does, so that the two outputs can be compared line by line:
 *
 * <pre>
 * java -jar benchmarks/target/multiprocessing4j-benchmarks.jar [--isolated] [case ...]
 * java -jar benchmarks/target/multiprocessing4j-benchmarks.jar --memory
 * </pre>
 *
 * <p>With no case named, all of them run, in the script's order and, like the script, one after
 * the other in this one process: a later case finds the parent as warm as an application that
 * has been working a while, while every case still starts its own pool of fresh worker JVMs, as
 * the script starts its own pools. With {@code --isolated} each case runs in a fresh JVM of its
 * own (this JVM's {@code java}, options and classpath) instead, so that nothing is warm but what
 * the case itself warmed. An unknown case name prints the usage and exits with status 2 before
 * anything runs; a case that fails exits non-zero. {@code --memory} prints peak resident memory
 * instead (Linux): of an idle child, and of the parent and each worker after the
 * {@code map_1M_default_chunks} workload.
 */
public final class Benchmarks {

    private Benchmarks() {}

    /** Runs the named cases, or all of them. */
    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(List.of(args));
        if (names.remove("--memory")) {
            Memory.print();
            return;
        }
        boolean isolated = names.remove("--isolated");
        List<String> wanted = names.isEmpty() ? List.copyOf(Cases.ALL.keySet()) : names;
        for (String name : wanted) {
            if (!Cases.ALL.containsKey(name)) {
                System.err.println("unknown case: " + name);
                System.err.println("usage: java -jar multiprocessing4j-benchmarks.jar [--isolated] [case ...] | --memory");
                System.err.println("cases: " + String.join(" ", Cases.ALL.keySet()));
                System.exit(2);
            }
        }
        for (String name : wanted) {
            if (!isolated || wanted.size() == 1) {
                run(name);
                continue;
            }
            int status = runInFreshJvm(name);
            if (status != 0) {
                System.exit(status);
            }
        }
    }

    private static void run(String name) {
        Cases.Case measured = Cases.ALL.get(name);
        double value = measured.measure().getAsDouble();
        System.out.println(String.format(Locale.ROOT, "%s %.1f %s", name, value, measured.unit()));
    }

    private static int runInFreshJvm(String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Benchmarks.class.getName());
        command.add(name);
        Process jvm = new ProcessBuilder(command).inheritIO().start();
        try {
            return jvm.waitFor();
        } finally {
            jvm.destroy();
        }
    }
}
