package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.annotations.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A process stuck in a long sleep is given four seconds, then terminated, while other processes
 * do their work and print their results. The Python original:
 *
 * <pre>
 * import time
 * from multiprocessing import Process, current_process
 *
 * def sleeper():
 *     time.sleep(60)
 *
 * def worker(num):
 *     print(current_process().name, 'result:', num * num)
 *
 * if __name__ == '__main__':
 *     stuck = Process(target=sleeper, name='sleeper')
 *     stuck.start()
 *     workers = [Process(target=worker, args=(i,)) for i in range(3)]
 *     for w in workers:
 *         w.start()
 *     for w in workers:
 *         w.join()
 *     stuck.join(4)
 *     if stuck.is_alive():
 *         print('sleeper still running after 4 s: terminating it')
 *         stuck.terminate()
 *         stuck.join()
 *     print('sleeper exit code:', stuck.exitcode)    # -15: killed by SIGTERM
 * </pre>
 *
 * <p>A Java thread stuck like this could not be stopped at all; a process can.
 */
public final class TerminateSleeper {

    private TerminateSleeper() {}

    /** Sleeps far longer than anyone will wait. */
    @Worker
    static void sleeper() throws InterruptedException {
        Thread.sleep(60_000);
    }

    /** Does some quick work and prints it. */
    @Worker
    static void worker(int num) {
        System.out.println(Multiprocessing.currentProcess().name() + " result: " + num * num);
    }

    /** Starts the sleeper and three workers, waits four seconds for the sleeper, terminates it. */
    public static void main(String[] args) {
        ChildProcess stuck = TerminateSleeperWorkers.sleeper().name("sleeper").start();
        List<ChildProcess> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(TerminateSleeperWorkers.worker(i).start());
        }
        for (ChildProcess w : workers) {
            w.join();
        }
        if (!stuck.join(Duration.ofSeconds(4))) {
            System.out.println("sleeper still running after 4 s: terminating it");
            stuck.terminate();
            stuck.join();
        }
        System.out.println("sleeper exit code: " + stuck.exitCode().getAsInt());
    }
}
