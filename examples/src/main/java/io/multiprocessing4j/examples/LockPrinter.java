package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.annotations.Worker;
import java.util.ArrayList;
import java.util.List;

/**
 * Three processes print one item each, under a lock shared by all of them, so that their lines
 * never mix. The Python original:
 *
 * <pre>
 * from multiprocessing import Process, Lock, current_process
 *
 * def printer(item, lock):
 *     with lock:
 *         print(current_process().name, item)
 *
 * if __name__ == '__main__':
 *     lock = Lock()
 *     items = ['tango', 'foxtrot', 10]
 *     processes = [Process(target=printer, name='Proc-%d' % (i + 1), args=(item, lock))
 *                  for i, item in enumerate(items)]
 *     for p in processes:
 *         p.start()
 *     for p in processes:
 *         p.join()
 * </pre>
 *
 * <p>It prints {@code Proc-1 tango}, {@code Proc-2 foxtrot} and {@code Proc-3 10}, in whatever
 * order the processes get the lock. Unlike Python's, the lock would be given back if a process
 * died holding it.
 */
public final class LockPrinter {

    private LockPrinter() {}

    /** The body of each child process: prints its name and its item while it holds the lock. */
    @Worker
    static void printer(String item, SharedLock lock) {
        lock.lock();
        try {
            System.out.println(Multiprocessing.currentProcess().name() + " " + item);
        } finally {
            lock.unlock();
        }
    }

    /** Starts the three printers, then waits for them. */
    public static void main(String[] args) {
        SharedLock lock = SharedLock.create();
        List<String> items = List.of("tango", "foxtrot", "10");
        List<ChildProcess> processes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            processes.add(LockPrinterWorkers.printer(items.get(i), lock).name("Proc-" + (i + 1)).start());
        }
        for (ChildProcess p : processes) {
            p.join();
        }
    }
}
