package io.multiprocessing4j.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs every example in turn, each under a header line; what
 * {@code mvn -q -B verify -DskipTests -Pexamples} runs. An example that throws stops the run
 * with a non-zero exit.
 */
public final class RunAll {

    private RunAll() {}

    /** An example's {@code main}. */
    @FunctionalInterface
    private interface Example {
        void run(String[] args) throws Exception;
    }

    /** Runs the examples in the order of the tutorial. */
    public static void main(String[] args) throws Exception {
        Map<String, Example> examples = new LinkedHashMap<>();
        examples.put("ProcessNames", ProcessNames::main);
        examples.put("TerminateSleeper", TerminateSleeper::main);
        examples.put("PoolSquares", PoolSquares::main);
        examples.put("PoolMapAsync", PoolMapAsync::main);
        examples.put("PoolProgressBar", PoolProgressBar::main);
        examples.put("LockPrinter", LockPrinter::main);
        examples.put("EventWaiters", EventWaiters::main);
        examples.put("SharedValueArray", SharedValueArray::main);
        examples.put("QueueCreatorConsumer", QueueCreatorConsumer::main);
        examples.put("PipeParentChild", PipeParentChild::main);
        examples.put("ManagerDictList", ManagerDictList::main);
        for (Map.Entry<String, Example> example : examples.entrySet()) {
            System.out.println();
            System.out.println("=== " + example.getKey() + " ===");
            example.getValue().run(args);
        }
    }
}
