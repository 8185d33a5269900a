package io.multiprocessing4j;

import java.util.Objects;

/** Placeholder while the runtime is written; replaced by the real class. */
public final class ChildProcess {
    private final Task<?> target;

    /**
     * A child process that will run {@code target}.
     *
     * @param target the call to run in the child
     */
    public ChildProcess(Task<?> target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String toString() {
        return "ChildProcess[" + target + "]";
    }
}
