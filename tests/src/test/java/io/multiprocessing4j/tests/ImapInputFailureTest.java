package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14, from CPython's {@code test_imap_handle_iterable_exception}: when the input of
 * {@code imap} throws partway, {@code imap()} itself returns normally; the stream delivers the
 * result of every item read before, in order, then throws the input's own exception (the same
 * instance, unwrapped), and then ends. {@code imapUnordered} delivers the same results in any
 * order, then throws. At the first item, inside the first read-ahead window (chunksizes 1, 2 and 4
 * with {@code Pool.create(4)}, failing at items 3, 7 and 7), and far past it (item 150 of 200).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ImapInputFailureTest {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(4);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /** An input that yields 0, 1, ... and throws its own exception when asked for item {@code failAt}. */
    private static final class BreakingInput implements Iterable<Integer> {
        final int failAt;
        final RuntimeException thrown;

        BreakingInput(int failAt) {
            this.failAt = failAt;
            this.thrown = new IllegalStateException("the input broke at item " + failAt);
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    if (next == failAt) {
                        throw thrown;
                    }
                    return next++;
                }
            };
        }
    }

    private static List<Integer> squaresBelow(int n) {
        return IntStream.range(0, n).map(x -> x * x).boxed().collect(Collectors.toList());
    }

    /** Consumes {@code results} with {@code next()} until it throws; returns what came before. */
    private static List<Integer> takeUntilThrown(Iterator<Integer> results, RuntimeException expected, int atMost) {
        List<Integer> got = new ArrayList<>();
        while (true) {
            if (got.size() > atMost) {
                throw new AssertionError("more results than items read: " + got);
            }
            Integer value;
            try {
                value = results.next();
            } catch (RuntimeException e) {
                assertSame(expected, e, "the stream threw something else than the input's own exception");
                return got;
            }
            got.add(value);
        }
    }

    private static void orderedDeliversEverythingBeforeThenThrows(int failAt, int chunksize) {
        BreakingInput input = new BreakingInput(failAt);
        try (Stream<Integer> stream = pool.imap(PoolJobsTasks::square, input, chunksize)) {
            Iterator<Integer> results = stream.iterator();
            assertEquals(squaresBelow(failAt), takeUntilThrown(results, input.thrown, failAt));
            assertFalse(results.hasNext(), "the stream goes on after the input's exception");
            assertThrows(NoSuchElementException.class, results::next);
        }
    }

    private static void unorderedDeliversEverythingBeforeThenThrows(int failAt, int chunksize) {
        BreakingInput input = new BreakingInput(failAt);
        try (Stream<Integer> stream = pool.imapUnordered(PoolJobsTasks::square, input, chunksize)) {
            Iterator<Integer> results = stream.iterator();
            List<Integer> got = takeUntilThrown(results, input.thrown, failAt);
            Collections.sort(got);
            assertEquals(squaresBelow(failAt), got);
            assertFalse(results.hasNext(), "the stream goes on after the input's exception");
        }
    }

    @Test
    void imapAtTheFirstItem() {
        orderedDeliversEverythingBeforeThenThrows(0, 1);
    }

    @Test
    void imapInsideTheFirstWindowChunksOf1() {
        orderedDeliversEverythingBeforeThenThrows(3, 1);
    }

    @Test
    void imapInsideTheFirstWindowChunksOf2() {
        orderedDeliversEverythingBeforeThenThrows(7, 2);
    }

    @Test
    void imapInsideTheFirstWindowChunksOf4() {
        orderedDeliversEverythingBeforeThenThrows(7, 4);
    }

    @Test
    void imapFarPastTheWindow() {
        orderedDeliversEverythingBeforeThenThrows(150, 1);
    }

    @Test
    void imapUnorderedAtTheFirstItem() {
        unorderedDeliversEverythingBeforeThenThrows(0, 1);
    }

    @Test
    void imapUnorderedInsideTheFirstWindowChunksOf1() {
        unorderedDeliversEverythingBeforeThenThrows(3, 1);
    }

    @Test
    void imapUnorderedInsideTheFirstWindowChunksOf2() {
        unorderedDeliversEverythingBeforeThenThrows(7, 2);
    }

    @Test
    void imapUnorderedInsideTheFirstWindowChunksOf4() {
        unorderedDeliversEverythingBeforeThenThrows(7, 4);
    }

    @Test
    void imapUnorderedFarPastTheWindow() {
        unorderedDeliversEverythingBeforeThenThrows(150, 1);
    }

    @Test
    void aFunctionThatThrowsIsQueuedLikeTheInputsOwnException() {
        RuntimeException thrown = new IllegalArgumentException("no task for 5");
        Function<Integer, Task<Integer>> function = x -> {
            if (x == 5) {
                throw thrown;
            }
            return PoolJobsTasks.square(x);
        };
        List<Integer> input = IntStream.range(0, 20).boxed().collect(Collectors.toList());
        try (Stream<Integer> stream = pool.imap(function, input, 2)) {
            Iterator<Integer> results = stream.iterator();
            assertEquals(squaresBelow(5), takeUntilThrown(results, thrown, 5));
            assertFalse(results.hasNext());
        }
    }

    @Test
    void anErrorFromTheInputsHasNextIsQueuedToo() {
        AssertionError thrown = new AssertionError("hasNext broke at item 4");
        Iterable<Integer> input = () -> new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                if (next == 4) {
                    throw thrown;
                }
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
        for (boolean ordered : new boolean[] {true, false}) {
            try (Stream<Integer> stream = ordered ? pool.imap(PoolJobsTasks::square, input, 3)
                    : pool.imapUnordered(PoolJobsTasks::square, input, 3)) {
                Iterator<Integer> results = stream.iterator();
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    got.add(results.next());
                }
                if (!ordered) {
                    Collections.sort(got);
                }
                assertEquals(squaresBelow(4), got, ordered ? "imap" : "imapUnordered");
                assertSame(thrown, assertThrows(AssertionError.class, results::next));
                assertFalse(results.hasNext());
            }
        }
    }

    @Test
    void theStreamsForEachSeesEveryResultThenTheException() {
        BreakingInput input = new BreakingInput(10);
        List<Integer> seen = new ArrayList<>();
        try (Stream<Integer> stream = pool.imap(PoolJobsTasks::square, input)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> stream.forEach(seen::add));
            assertSame(input.thrown, e);
        }
        assertEquals(squaresBelow(10), seen);
    }
}
