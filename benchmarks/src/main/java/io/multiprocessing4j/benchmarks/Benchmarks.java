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
 * java -jar benchmarks/target/multiprocessing4j-benchmarks.jar [case ...]
 * </pre>
 *
 * <p>With no case named, all of them run. One case runs in this JVM; when several are named, each
 * runs in a fresh JVM of its own (this JVM's {@code java}, options and classpath), so that no case
 * is measured in a JVM that earlier cases have already warmed up. An unknown case name prints the
 * usage and exits with status 2 before anything runs; a case that fails exits non-zero.
 */
public final class Benchmarks {

    private Benchmarks() {}

    /** Runs the named cases, or all of them. */
    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> wanted = args.length == 0 ? List.copyOf(Cases.ALL.keySet()) : List.of(args);
        for (String name : wanted) {
            if (!Cases.ALL.containsKey(name)) {
                System.err.println("unknown case: " + name);
                System.err.println("usage: java -jar multiprocessing4j-benchmarks.jar [case ...]");
                System.err.println("cases: " + String.join(" ", Cases.ALL.keySet()));
                System.exit(2);
            }
        }
        if (wanted.size() == 1) {
            run(wanted.get(0));
            return;
        }
        for (String name : wanted) {
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
