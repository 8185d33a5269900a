package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.annotations.Worker;
import java.util.ArrayList;
import java.util.List;

/**
 * Five processes, each printing its name and its number doubled. The Python original:
 *
 * <pre>
 * from multiprocessing import Process, current_process
 *
 * def worker(num):
 *     print(current_process().name, num * 2)
 *
 * if __name__ == '__main__':
 *     processes = [Process(target=worker, args=(i,)) for i in range(5)]
 *     for p in processes:
 *         p.start()
 *     for p in processes:
 *         p.join()
 * </pre>
 *
 * <p>The lines come out in whatever order the processes get there, as in Python.
 */
public final class ProcessNames {

    private ProcessNames() {}

    /** The body of each child process. */
    @Worker
    static void worker(int num) {
        System.out.println(Multiprocessing.currentProcess().name() + " " + num * 2);
    }

    /** Starts the five processes, then waits for all of them. */
    public static void main(String[] args) {
        List<ChildProcess> processes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            processes.add(ProcessNamesWorkers.worker(i).start());
        }
        for (ChildProcess p : processes) {
            p.join();
        }
    }
}
