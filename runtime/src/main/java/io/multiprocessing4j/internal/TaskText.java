package io.multiprocessing4j.internal;

/** How a task is written in messages: {@code Doubler.square(3)}, long arguments shortened. */
public final class TaskText {

    private static final int MAX_ARGUMENT = 40;

    private TaskText() {}

    /** The call as it would be written in Java, each argument rendered with {@code toString}. */
    public static String render(String name, Object[] arguments) {
        StringBuilder text = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object argument = arguments[i];
            String shown = argument != null && argument.getClass().isArray()
                    ? argument.getClass().getComponentType().getSimpleName() + "[]"
                    : String.valueOf(argument);
            text.append(shown.length() > MAX_ARGUMENT ? shown.substring(0, MAX_ARGUMENT - 3) + "..." : shown);
        }
        return text.append(')').toString();
    }
}
