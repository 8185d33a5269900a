package io.multiprocessing4j.examples;

import io.multiprocessing4j.Manager;
import io.multiprocessing4j.SharedQueue;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A manager's server that other JVMs reach over the network (Python's
 * {@code BaseManager(address=('', 50000), authkey=b'abracadabra')} with {@code serve_forever()}):
 * it serves a dict named {@code "jobs"} and a queue named {@code "inbox"} on port 50000 (or the
 * port given as the first argument) of every interface, prints each message a client puts on the
 * queue, and runs until it is stopped. Start {@link RemoteManagerClient} in another
 * terminal, or on another machine, with the same key.
 */
public final class RemoteManagerServer {

    private RemoteManagerServer() {}

    /** Starts the server, seeds the dict and prints the queue's messages until this JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 50000;
        Manager manager = Manager.builder()
                .address(new InetSocketAddress(port))
                .authkey("abracadabra".getBytes(StandardCharsets.UTF_8))
                .start();
        Map<String, String> jobs = manager.dict("jobs");
        jobs.put("started by", "pid " + ProcessHandle.current().pid());
        SharedQueue<String> inbox = manager.queue("inbox");
        System.out.println("serving on port " + manager.address().getPort() + " of every interface; stop with Ctrl-C");
        while (true) {
            System.out.println("inbox: " + inbox.take());
        }
    }
}
