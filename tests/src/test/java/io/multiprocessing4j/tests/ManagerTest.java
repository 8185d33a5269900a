package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AuthenticationException;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.ManagerGoneException;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Manager}: a server in a child JVM, its proxies between real processes, remote clients, failure. */
@Timeout(180)
class ManagerTest {

    private final Support.Started started = new Support.Started();
    private final List<Manager> managers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        managers.forEach(Manager::close);
        started.killAll();
    }

    private Manager start() {
        Manager manager = Manager.start();
        managers.add(manager);
        return manager;
    }

    private static ProcessInfo serverOf(Manager manager) {
        return Multiprocessing.activeChildren().stream().filter(p -> manager.toString().contains("pid " + p.pid()))
                .findFirst().orElseThrow(() -> new AssertionError("no server child for " + manager));
    }

    @Test
    void theTutorialsProgramSeesTheChildsChanges() {
        Manager manager = start();
        Map<Object, Object> d = manager.dict();
        List<Integer> l = manager.list(IntStream.range(0, 10).boxed().collect(Collectors.toList()));
        assertEquals("{}", d.toString());
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", l.toString());
        ChildProcess p = started.start(ManagerJobsWorkers.fill(d, l));
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(0, p.exitCode().getAsInt());
        assertEquals("{1=1, 2=2, 0.25=null}", d.toString());
        assertEquals("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", l.toString());
    }

    @Test
    void aDictIsAMapInInsertionOrderEqualToOrdinaryMaps() {
        Manager manager = start();
        Map<String, Integer> d = manager.dict();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String k : List.of("z", "a", "m", "b")) {
            assertNull(d.put(k, k.charAt(0) - 'a'));
            expected.put(k, k.charAt(0) - 'a');
        }
        assertEquals(expected, d);
        assertEquals(d, expected);
        assertEquals(new HashMap<>(expected), d);
        assertEquals(expected.hashCode(), d.hashCode());
        assertEquals(expected.toString(), d.toString());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(d.keySet()));
        assertEquals(List.copyOf(expected.values()), List.copyOf(d.values()));
        assertEquals(4, d.size());
        assertTrue(d.containsKey("m"));
        assertFalse(d.containsKey("q"));
        assertTrue(d.containsValue(25));
        assertEquals(Integer.valueOf(12), d.put("m", 99));
        assertEquals(Integer.valueOf(99), d.putIfAbsent("m", 1));
        assertNull(d.get("nope"));
        d.keySet().remove("z");
        Iterator<Map.Entry<String, Integer>> it = d.entrySet().iterator();
        Map.Entry<String, Integer> first = it.next();
        assertEquals("a", first.getKey());
        first.setValue(-1);
        it.next();
        it.remove();
        assertEquals(Map.of("a", -1, "b", 1), d);
        assertEquals("{a=-1, b=1}", d.toString());
        d.putAll(Map.of("c", 2));
        d.merge("c", 5, Integer::sum);
        assertEquals(Integer.valueOf(7), d.get("c"));
        d.values().removeIf(v -> v < 0);
        assertEquals("{b=1, c=7}", d.toString());
        d.clear();
        assertTrue(d.isEmpty());
        assertNotEquals(d, Map.of("x", 1));
    }

    @Test
    void valuesAreCopiedInAndOut() {
        Manager manager = start();
        Map<String, List<Integer>> d = manager.dict();
        List<Integer> mine = new ArrayList<>(List.of(1, 2));
        d.put("k", mine);
        mine.add(3);
        d.get("k").add(4);
        assertEquals(List.of(1, 2), d.get("k"));
    }

    @Test
    void aListIsAListWithViewsSubListsAndTheJdksAlgorithms() {
        Manager manager = start();
        List<Integer> l = manager.list();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            l.add(i * 3 % 7);
            expected.add(i * 3 % 7);
        }
        assertEquals(expected, l);
        assertEquals(l, expected);
        assertEquals(expected.hashCode(), l.hashCode());
        l.add(0, 42);
        expected.add(0, 42);
        l.addAll(2, List.of(7, 7));
        expected.addAll(2, List.of(7, 7));
        assertEquals(expected, l);
        assertEquals(expected.indexOf(7), l.indexOf(7));
        assertEquals(expected.lastIndexOf(0), l.lastIndexOf(0));
        assertTrue(l.contains(42));
        l.subList(1, 4).clear();
        expected.subList(1, 4).clear();
        assertEquals(expected, l);
        l.sort(null);
        expected.sort(null);
        assertEquals(expected, l);
        ListIterator<Integer> li = l.listIterator(l.size());
        List<Integer> backwards = new ArrayList<>();
        while (li.hasPrevious()) {
            backwards.add(li.previous());
        }
        List<Integer> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, backwards);
        l.removeIf(x -> x % 2 == 0);
        expected.removeIf(x -> x % 2 == 0);
        assertEquals(expected, l);
        assertEquals(expected.toString(), l.toString());
        assertEquals(expected, Arrays.asList(l.toArray(new Integer[0])));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(100));
        assertThrows(IndexOutOfBoundsException.class, () -> l.add(-1, 1));
        assertEquals(expected, l);
        l.clear();
        assertEquals(List.of(), l);
    }

    @Test
    void namedObjectsAreFoundByOtherClientsAndKindsAreChecked() {
        Manager manager = start();
        manager.<String, Integer>dict("scores").put("x", 1);
        try (Manager other = Manager.connect(manager.address(), new byte[] {1})) {
            throw new AssertionError("a wrong key was accepted: " + other);
        } catch (AuthenticationException expected) {
            assertTrue(expected.getMessage().contains("refused"), expected.getMessage());
        }
        assertEquals(Map.of("x", 1), manager.dict("scores"));
        IllegalStateException wrongKind = assertThrows(IllegalStateException.class, () -> manager.list("scores"));
        assertTrue(wrongKind.getMessage().contains("scores"), wrongKind.getMessage());
    }

    @Test
    void proxiesTravelToPoolTasksAndBackAsHandlesToTheSameObject() {
        Manager manager = start();
        List<Integer> l = manager.list();
        Map<String, Integer> d = manager.dict();
        try (Pool pool = Pool.create(2)) {
            List<Integer> sizes = pool.map(from -> ManagerJobsTasks.append(l, from * 100, 50), List.of(0, 1, 2, 3));
            assertEquals(4, sizes.size());
            Map<String, Integer> back = pool.apply(ManagerJobsTasks.echo(d));
            back.put("back here", 2);
        }
        assertEquals(200, l.size());
        assertEquals(Map.of("seen by a task", 1, "back here", 2), d);
    }

    @Test
    void aRemoteServerWithAnAddressAndKeyServesClientsAndSurvivesAClientsKill() throws Exception {
        byte[] key = "a shared secret".getBytes(StandardCharsets.UTF_8);
        Manager server = Manager.builder().address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .authkey(key).start();
        managers.add(server);
        InetSocketAddress address = server.address();
        ChildProcess client = started.start(ManagerJobsWorkers.connectAndHang(address.getHostString(), address.getPort(),
                key));
        Map<String, String> shared = server.dict("shared");
        Support.awaitTrue("the client has written", Duration.ofSeconds(60), () -> shared.containsKey("client"));
        client.kill();
        assertTrue(client.join(Duration.ofSeconds(30)));
        try (Manager other = Manager.connect(address, key)) {
            other.<String, String>dict("shared").put("other", "too");
        }
        assertEquals(Map.of("client", "here", "other", "too"), shared);
        assertThrows(AuthenticationException.class, () -> Manager.connect(address, "wrong".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void garbageSilentPeersAndAThousandConnectionsDoNotStopTheServer() throws Exception {
        Manager manager = start();
        Map<String, Integer> d = manager.dict();
        InetSocketAddress address = manager.address();
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                silent.add(new Socket(address.getAddress(), address.getPort()));
            }
            for (int i = 0; i < 1000; i++) {
                try (Socket s = new Socket(address.getAddress(), address.getPort())) {
                    if (i % 2 == 0) {
                        OutputStream out = s.getOutputStream();
                        out.write(("GET / HTTP/1.0\r\n\r\n" + i).repeat(3).getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException refusedUnderLoad) {
                    // the backlog may overflow under a flood: refusing is allowed, dying is not
                }
            }
            d.put("still", 1);
            assertEquals(Map.of("still", 1), d);
            // refused promptly while the silent peers still hold their sockets
            assertThrows(AuthenticationException.class, () -> Manager.connect(address, new byte[0]));
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
        assertEquals(1, d.size());
    }

    @Test
    void aCallOnAProxyOfAKilledServerFailsWithinSecondsSayingTheManagerIsGone() {
        Manager manager = start();
        Map<String, Integer> d = manager.dict();
        d.put("a", 1);
        ProcessInfo server = serverOf(manager);
        ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Support.awaitGone(server.pid(), Duration.ofSeconds(30));
        long begun = System.nanoTime();
        ManagerGoneException gone = assertThrows(ManagerGoneException.class, () -> d.get("a"));
        assertTrue(Duration.ofNanos(System.nanoTime() - begun).compareTo(Duration.ofSeconds(5)) < 0);
        assertTrue(gone.getMessage().contains("gone"), gone.getMessage());
        assertThrows(ManagerGoneException.class, () -> d.put("b", 2));
    }

    /**
     * A peer that accepts and then never greets: connecting gives up after the client's 10 s
     * deadline (a timer that closes the socket, since the connection has no read timeout, which
     * would slow every later call's read).
     */
    @Test
    void connectingToAPeerThatNeverGreetsFailsWithinSeconds() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
            long begun = System.nanoTime();
            ManagerGoneException gone = assertThrows(ManagerGoneException.class,
                    () -> Manager.connect(address, "key".getBytes(StandardCharsets.UTF_8)));
            Duration took = Duration.ofNanos(System.nanoTime() - begun);
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, took.toString());
            assertTrue(gone.getMessage().contains("no answer within"), gone.getMessage());
        }
    }

    @Test
    void closeStopsTheServerAndLaterCallsSayItWasClosed() {
        Manager manager = Manager.start();
        List<String> l = manager.list();
        l.add("x");
        ProcessInfo server = serverOf(manager);
        manager.close();
        Support.awaitGone(server.pid(), Duration.ofSeconds(10));
        ManagerGoneException gone = assertThrows(ManagerGoneException.class, l::size);
        assertTrue(gone.getMessage().contains("closed"), gone.getMessage());
        assertThrows(ManagerGoneException.class, manager::dict);
        manager.close();
    }

    @Test
    void anUnsendableValueIsRefusedWithItsNameAndChangesNothing() {
        Manager manager = start();
        Map<String, Object> d = manager.dict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.put("t", new Thread()));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertTrue(d.isEmpty());
    }

    @Test
    void registeringATypeThatIsNotManagedSaysWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manager.builder().register(Runnable.class, Thread.class));
        assertTrue(e.getMessage().contains("@Managed"), e.getMessage());
    }
}
