package io.multiprocessing4j.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A time limit in a message shows as what the user set, never rounded to "0 s". */
class TimeLimitTextTest {

    @Test
    void aLimitShowsInTheLargestUnitThatIsExact() {
        assertEquals("1 ns", Outcomes.describe(Duration.ofNanos(1)));
        assertEquals("1500 ns", Outcomes.describe(Duration.ofNanos(1500)));
        assertEquals("2 µs", Outcomes.describe(Duration.ofNanos(2000)));
        assertEquals("250 ms", Outcomes.describe(Duration.ofMillis(250)));
        assertEquals("1500 ms", Outcomes.describe(Duration.ofMillis(1500)));
        assertEquals("3 s", Outcomes.describe(Duration.ofSeconds(3)));
    }
}
