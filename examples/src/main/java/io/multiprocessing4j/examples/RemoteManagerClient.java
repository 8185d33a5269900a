package io.multiprocessing4j.examples;

import io.multiprocessing4j.Manager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A client of {@link RemoteManagerServer} (Python's {@code BaseManager(...).connect()}): connects
 * to the host and port given as arguments (default {@code localhost 50000}) with the server's key,
 * adds itself to the dict named {@code "jobs"}, prints it, and puts a message on the queue named
 * {@code "inbox"}, which the server prints (Python's remote example: {@code queue.put('hello')}).
 */
public final class RemoteManagerClient {

    private RemoteManagerClient() {}

    /** Connects, writes, prints, sends a message, disconnects. */
    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "localhost";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 50000;
        try (Manager manager = Manager.connect(new InetSocketAddress(host, port),
                "abracadabra".getBytes(StandardCharsets.UTF_8))) {
            Map<String, String> jobs = manager.dict("jobs");
            jobs.put("client " + ProcessHandle.current().pid(), "was here");
            System.out.println(jobs);
            manager.<String>queue("inbox").put("hello from pid " + ProcessHandle.current().pid());
        }
    }
}
