package io.multiprocessing4j.tests;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedInt;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.internal.shm.ProgramDirectory;
import java.time.Duration;

/**
 * A program for the clean-up tests: shares a lock, an event and a value with a child, makes both
 * processes block (so both load the native futex support), passes a queue that grows past its
 * first buffer and a pipe end to children, prints its program directory and {@code ready}, then
 * exits ({@code exit}) or hangs until killed ({@code hang}).
 */
public final class SharingProgramMain {

    private SharingProgramMain() {}

    public static void main(String[] args) throws Exception {
        SharedLock lock = SharedLock.create();
        SharedEvent event = SharedEvent.create();
        SharedInt thread = SharedInt.create(0);
        lock.lock();
        ChildProcess child = new ChildProcess(SharedJobsTasks.noopWith(lock, event)).start();
        event.await(Duration.ofMillis(50)); // this process blocks once too
        ChildProcess waiter = SharedJobsWorkers.blockOnLock(lock, thread).start();
        while (thread.get() == 0) {
            Thread.sleep(5);
        }
        lock.unlock();
        waiter.join();
        child.join();
        SharedQueue<Object> queue = SharedQueue.create();
        queue.put(new byte[4 << 20]); // past the first buffer: a ring segment replaced by a larger one
        ChildProcess taker = new ChildProcess(ChannelJobsTasks.pollOne(queue, 30_000)).start();
        Pipe<Object> pipe = Pipe.create();
        ChildProcess echo = ChannelJobsWorkers.echo(pipe.right()).start();
        pipe.left().sendBytes(new byte[1 << 20]);
        pipe.left().recvBytes();
        pipe.left().send("stop");
        pipe.left().recv();
        taker.join();
        echo.join();
        System.out.println(ProgramDirectory.path());
        System.out.println("ready");
        System.out.flush();
        if (args[0].equals("hang")) {
            Thread.sleep(600_000);
        }
    }
}
