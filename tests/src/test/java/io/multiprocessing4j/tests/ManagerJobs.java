package io.multiprocessing4j.tests;

import io.multiprocessing4j.Manager;
import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Bodies for the Manager tests: each takes proxies as ordinary arguments. */
public class ManagerJobs {

    /** The tutorial's child: fills the dict, reverses the list. */
    @Worker
    static void fill(Map<Object, Object> d, List<Integer> l) {
        d.put(1, "1");
        d.put("2", 2);
        d.put(0.25, null);
        Collections.reverse(l);
    }

    /** Appends {@code n} numbers, one call each. */
    @Worker
    @PoolTask
    static int append(List<Integer> l, int from, int n) {
        for (int i = 0; i < n; i++) {
            l.add(from + i);
        }
        return l.size();
    }

    /** Returns the proxy it was given: it travels back as a handle to the same server object. */
    @PoolTask
    static Map<String, Integer> echo(Map<String, Integer> d) {
        d.put("seen by a task", 1);
        return d;
    }

    /** Connects to a remote server by address and key, sets a key of its named dict, then waits to be killed. */
    @Worker
    static void connectAndHang(String host, int port, byte[] key) throws InterruptedException {
        Manager manager = Manager.connect(new InetSocketAddress(host, port), key);
        manager.<String, String>dict("shared").put("client", "here");
        Thread.sleep(600_000);
    }
}
