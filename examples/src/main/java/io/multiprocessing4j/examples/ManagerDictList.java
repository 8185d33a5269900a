package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.annotations.Worker;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A child changes a dict and a list that a manager's server holds; the parent sees the changes.
 * The Python original (from the documentation of {@code multiprocessing}):
 *
 * <pre>
 * from multiprocessing import Process, Manager
 *
 * def f(d, l):
 *     d[1] = '1'
 *     d['2'] = 2
 *     d[0.25] = None
 *     l.reverse()
 *
 * if __name__ == '__main__':
 *     with Manager() as manager:
 *         d = manager.dict()
 *         l = manager.list(range(10))
 *         p = Process(target=f, args=(d, l))
 *         p.start()
 *         p.join()
 *         print(d)
 *         print(l)
 * </pre>
 *
 * <p>Output: {@code Before}, {@code {}}, {@code [0, 1, ..., 9]}, {@code After},
 * {@code {1=1, 2=2, 0.25=null}}, {@code [9, 8, ..., 0]}.
 */
public final class ManagerDictList {

    private ManagerDictList() {}

    /** Fills the dict and reverses the list, through their proxies. */
    @Worker
    static void f(Map<Object, Object> d, List<Integer> l) {
        d.put(1, "1");
        d.put("2", 2);
        d.put(0.25, null);
        Collections.reverse(l);
    }

    /** Starts a manager, prints its objects before and after the child has run. */
    public static void main(String[] args) {
        try (Manager manager = Manager.start()) {
            Map<Object, Object> d = manager.dict();
            List<Integer> l = manager.list(IntStream.range(0, 10).boxed().collect(Collectors.toList()));
            System.out.println("Before");
            System.out.println(d);
            System.out.println(l);
            ChildProcess p = ManagerDictListWorkers.f(d, l).start();
            p.join();
            System.out.println("After");
            System.out.println(d);
            System.out.println(l);
        }
    }
}
