package io.multiprocessing4j.processor;

import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;
import java.util.Set;
import java.util.stream.Collectors;

/** The two annotations the processor reads, and what each one generates. */
enum MethodKind {
    /** {@code @Worker}: a {@code ChildProcess} factory in {@code FooWorkers}. */
    WORKER(Worker.class.getCanonicalName(), "@Worker"),
    /** {@code @PoolTask}: a {@code Task} factory in {@code FooTasks}. */
    POOL_TASK(PoolTask.class.getCanonicalName(), "@PoolTask");

    private final String annotationName;
    private final String label;

    MethodKind(String annotationName, String label) {
        this.annotationName = annotationName;
        this.label = label;
    }

    /** The annotation's canonical name. */
    String annotationName() {
        return annotationName;
    }

    /** How messages name the annotation: {@code @Worker}. */
    String label() {
        return label;
    }

    /** How messages name a method's annotations: {@code @Worker}, or {@code @Worker @PoolTask}. */
    static String labelOf(Set<MethodKind> kinds) {
        return kinds.stream().map(MethodKind::label).collect(Collectors.joining(" "));
    }
}
