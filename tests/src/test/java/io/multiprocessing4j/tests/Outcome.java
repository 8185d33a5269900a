package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** What a future came to, waited for with a bound: its value, or what it failed with. */
final class Outcome {

    private Outcome() {}

    /** {@return how many of this JVM's child processes still run, and their names, for messages} */
    static String liveChildren() {
        List<String> names = ProcessHandle.current().children()
                .filter(p -> !Support.hasExited(p.pid()))
                .map(p -> p.pid() + " " + p.info().arguments().map(Outcome::childName).orElse("?"))
                .collect(Collectors.toList());
        return names.size() + " child processes run: " + names;
    }

    private static String childName(String[] arguments) {
        for (String argument : arguments) {
            if (argument.startsWith("-Dmultiprocessing4j.name=")) {
                return argument.substring(argument.indexOf('=') + 1);
            }
        }
        return "?";
    }

    /**
     * Waits at most {@code limit} for {@code result}; returns its value, or the exception it failed
     * with (unwrapped from {@code ExecutionException}; a {@code CancellationException} as is).
     * Fails the test, naming {@code what}, if it does not complete in time.
     */
    static Object of(Future<?> result, Duration limit, String what) {
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        } catch (TimeoutException e) {
            return fail(what + " did not complete within " + limit.toSeconds() + " s; "
                    + Outcome.liveChildren());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what);
        }
    }
}
