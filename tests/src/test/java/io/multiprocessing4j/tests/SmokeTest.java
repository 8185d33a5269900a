package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() {
        ChildProcess p = SmokeWorkers.hello(3).start();
        p.join();
        assertEquals(0, p.exitCode().getAsInt());
        try (Pool pool = Pool.create(2)) {
            assertEquals(9, pool.apply(SmokeTasks.square(3)));
            assertEquals(List.of(1, 4, 9), pool.map(SmokeTasks::square, List.of(1, 2, 3)));
        }
    }
}
