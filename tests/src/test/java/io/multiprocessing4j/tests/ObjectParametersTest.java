package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedLock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A parameter or result declared {@code Object} carries any value the wire can carry, a shared
 * object as a handle; a value it cannot carry is refused when it is sent, naming it.
 */
@Timeout(60)
class ObjectParametersTest {

    @Test
    void anyCarriableValueTravelsThroughAnObjectParameter() {
        try (Pool pool = Pool.create(1)) {
            assertEquals(List.of(1, "two", 3.0), pool.apply(SharedJobsTasks.echoObject(List.of(1, "two", 3.0))));
            assertEquals(Map.of("k", List.of("v")), pool.apply(SharedJobsTasks.echoObject(Map.of("k", List.of("v")))));
            SharedLock lock = SharedLock.create();
            assertEquals(lock, pool.apply(SharedJobsTasks.echoObject(lock)), "a shared object, as a handle");
        }
    }

    @Test
    void aValueThatCannotBeSentIsRefusedWhenSentNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedJobsWorkers.echoObject(new Object()).start());
        assertTrue(e.getMessage().contains("echoObject") && e.getMessage().contains("java.lang.Object is neither"),
                e.getMessage());
    }
}
