package io.multiprocessing4j.internal.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Manager;
import io.multiprocessing4j.RemoteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** @Managed types through the contract's SPI, with a hand-written stand-in for the generated class, in a real server. */
@Timeout(120)
class ManagedTypesTest {

    /** An implementation the Manager cannot create. */
    public static class NoDefaultConstructor extends CounterImpl {
        public NoDefaultConstructor(int ignored) {}
    }

    @Test
    void aRegisteredTypeIsCreatedAndCalledInTheServer() {
        try (Manager manager = Manager.builder().register(Counter.class, CounterImpl.class).start()) {
            Counter counter = manager.create(Counter.class);
            assertEquals(5, counter.add(5));
            assertEquals(9, counter.twice(2));
            String described = counter.describe("total ");
            assertTrue(described.startsWith("total 9 in pid "), described);
            assertNotEquals("in pid " + ProcessHandle.current().pid(), described.substring(described.indexOf("in pid")));
            RemoteException thrown = assertThrows(RemoteException.class, () -> {
                try {
                    counter.fail("no disk");
                } catch (java.io.IOException e) {
                    throw new AssertionError("a checked exception came through unwrapped", e);
                }
            });
            assertEquals("java.io.IOException", thrown.remoteClassName());
            assertEquals("no disk", thrown.remoteMessage());
            Counter named = manager.create(Counter.class, "shared");
            named.add(1);
            assertEquals(2, manager.create(Counter.class, "shared").add(1));
            assertEquals(manager.create(Counter.class, "shared"), named);
            assertNotEquals(counter, named);
        }
    }

    @Test
    void registrationChecksTheTypeAndTheImplementation() {
        IllegalArgumentException notManaged = assertThrows(IllegalArgumentException.class,
                () -> Manager.builder().register(Runnable.class, Thread.class));
        assertTrue(notManaged.getMessage().contains("@Managed"), notManaged.getMessage());
        IllegalArgumentException noConstructor = assertThrows(IllegalArgumentException.class,
                () -> Manager.builder().register(Counter.class, NoDefaultConstructor.class));
        assertTrue(noConstructor.getMessage().contains("new NoDefaultConstructor()"), noConstructor.getMessage());
        assertEquals("io.multiprocessing4j.internal.manager.ManagedTypesTest_Outer_FooManaged",
                ManagedTypes.generatedName(Outer.Foo.class));
    }

    /** For the generated name of a nested type. */
    static final class Outer {
        interface Foo {}
    }

    @Test
    void anUnregisteredTypeIsRefusedByTheServerWithTheFix() {
        try (Manager manager = Manager.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> manager.create(Counter.class));
            assertTrue(e.getMessage().contains("register("), e.getMessage());
        }
    }
}
