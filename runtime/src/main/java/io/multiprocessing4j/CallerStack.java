package io.multiprocessing4j;

/**
 * Gives a task's failure the stack of the thread it is thrown to, as
 * {@code CompletableFuture.join} and {@code ForkJoinTask.join} do. The pool builds its exceptions
 * on its own threads, whose frames say nothing about which call of the user's failed; the copy is
 * built in the caller's thread, with the same type, message, worker and task, and carries what
 * explains the failure as its cause: the task's own exception for a {@link TaskFailedException}
 * that has one (so {@code getCause()} keeps its documented meaning), else the pool's original.
 *
 * <p>Only the pool's own classes are copied: a subclass a user made is thrown as it is, since its
 * copy could not be of the same type.
 */
final class CallerStack {

    private CallerStack() {}

    /** {@return {@code error} as the caller should see it: a copy with the caller's stack, or itself} */
    static RuntimeException forCaller(RuntimeException error) {
        Class<?> type = error.getClass();
        if (type == TaskFailedException.class) {
            return new TaskFailedException((TaskFailedException) error);
        }
        if (type == WorkerDiedException.class) {
            return new WorkerDiedException((WorkerDiedException) error);
        }
        if (type == TaskTimeoutException.class) {
            return new TaskTimeoutException((TaskTimeoutException) error);
        }
        return error;
    }

    /** {@return {@code error}, if it is a {@code RuntimeException}, as {@link #forCaller(RuntimeException)} copies it} */
    static Throwable forCaller(Throwable error) {
        return error instanceof RuntimeException ? forCaller((RuntimeException) error) : error;
    }
}
