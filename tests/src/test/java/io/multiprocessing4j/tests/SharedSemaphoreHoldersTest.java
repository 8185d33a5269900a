package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedSemaphore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the death of a semaphore's holder gives back when permits are released by other
 * processes than those that acquired them: never a permit that may still be in use.
 */
@Timeout(120)
class SharedSemaphoreHoldersTest {

    /** Longer than a waiter takes to give back a dead holder's permits (about a quarter of a second). */
    private static final Duration REPAIR = Duration.ofMillis(1000);

    private final Support.Started started = new Support.Started();

    @AfterEach
    void killLeftovers() {
        started.killAll();
    }

    private ChildProcess holder(SharedSemaphore semaphore) throws InterruptedException {
        SharedEvent held = SharedEvent.create();
        ChildProcess child = started.start(SharedJobsWorkers.holdPermitsAndDie(semaphore, 1, held, "hang"));
        assertTrue(held.await(Duration.ofSeconds(60)), "the child took its permit");
        return child;
    }

    private static void kill(ChildProcess child) {
        child.kill();
        Jvms.awaitGone(List.of(child.pid()), Duration.ofSeconds(30));
    }

    @Test
    void aPermitReleasedByAnotherProcessIsNotGivenBackAgainWhenItsAcquirerDies() throws Exception {
        SharedSemaphore semaphore = SharedSemaphore.create(1);
        ChildProcess acquirer = holder(semaphore);
        semaphore.release(); // the child's permit, released here: it is free again
        assertTrue(semaphore.tryAcquire(), "this process holds the one permit now");
        kill(acquirer);
        assertFalse(semaphore.tryAcquire(REPAIR), "the dead child held nothing: no second holder is admitted");
        assertEquals(0, semaphore.availablePermits());

        // the permit moves on: released here, taken by a second child that is killed holding it
        semaphore.release();
        ChildProcess second = holder(semaphore);
        assertFalse(semaphore.tryAcquire());
        kill(second);
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(10)), "the second child's permit comes back");
        assertFalse(semaphore.tryAcquire(REPAIR), "and only that one");
    }

    @Test
    void withSeveralHoldersADeathGivesBackNothingThatAThirdProcessMayHaveReleased() throws Exception {
        SharedSemaphore semaphore = SharedSemaphore.create(2);
        ChildProcess a = holder(semaphore);
        ChildProcess b = holder(semaphore);
        // this process releases one of the children's permits (nobody can tell whose) and takes it
        semaphore.release();
        assertTrue(semaphore.tryAcquire());
        kill(a);
        assertFalse(semaphore.tryAcquire(REPAIR),
                "a's permit may be the one released: giving it back could admit a third holder");
        kill(b);
        assertFalse(semaphore.tryAcquire(REPAIR), "nor b's, for the same reason");
        // what the rule costs: the permit of whichever child really held one is lost, as in Python
        semaphore.release();
        assertEquals(1, semaphore.availablePermits());
        assertTrue(semaphore.tryAcquire());
        assertFalse(semaphore.tryAcquire(REPAIR));
    }

    @Test
    void withOneHolderAtATimeEveryDeadHoldersPermitComesBack() throws Exception {
        SharedSemaphore semaphore = SharedSemaphore.create(2);
        ChildProcess a = holder(semaphore);
        semaphore.release(); // a's permit, released here
        ChildProcess b = holder(semaphore);
        ChildProcess c = holder(semaphore);
        assertEquals(0, semaphore.availablePermits());
        kill(b);
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(10)), "b's permit comes back");
        kill(c);
        assertTrue(semaphore.tryAcquire(Duration.ofSeconds(10)), "c's permit comes back");
        kill(a);
        assertFalse(semaphore.tryAcquire(REPAIR), "a held nothing any more");
    }
}
