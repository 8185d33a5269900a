package io.multiprocessing4j.internal.wire;

/**
 * Writes the tasks of a chunk into its frame, item by item, each by
 * {@link TasksFrame#add(Class, int, String, Object[])} or {@link TasksFrame#add(TaskCall)}: the
 * pool's way of taking a map's tasks without a {@link TaskCall} for each, straight from the
 * public tasks the user's function returns.
 */
@FunctionalInterface
public interface TaskWriter {

    /**
     * Writes the task of item {@code item} into {@code frame}.
     *
     * @throws IllegalArgumentException if an argument cannot be sent (the frame says which)
     */
    void write(int item, TasksFrame frame);
}
