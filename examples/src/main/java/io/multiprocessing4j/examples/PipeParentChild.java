package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.annotations.Worker;
import java.util.Arrays;
import java.util.List;

/**
 * A child sends a list through a pipe and closes its end; the parent receives it. The Python
 * original (from the documentation of {@code multiprocessing}):
 *
 * <pre>
 * from multiprocessing import Process, Pipe
 *
 * def f(conn):
 *     conn.send([42, None, 'hello'])
 *     conn.close()
 *
 * if __name__ == '__main__':
 *     parent_conn, child_conn = Pipe()
 *     p = Process(target=f, args=(child_conn,))
 *     p.start()
 *     print(parent_conn.recv())   # prints "[42, None, 'hello']"
 *     p.join()
 * </pre>
 *
 * <p>Output: {@code [42, null, hello]}, then, because the child closed its end, what the parent's
 * next {@code recv()} says instead of waiting for ever.
 */
public final class PipeParentChild {

    private PipeParentChild() {}

    /** Sends a list to the parent and closes its end of the pipe. */
    @Worker
    static void f(Connection<List<Object>> conn) {
        conn.send(Arrays.asList(42, null, "hello"));
        conn.close();
    }

    /** Starts the child, prints what it sent, and what the closed pipe says next. */
    public static void main(String[] args) {
        Pipe<List<Object>> pipe = Pipe.create();
        Connection<List<Object>> parentConn = pipe.left();
        ChildProcess p = PipeParentChildWorkers.f(pipe.right()).start();
        System.out.println(parentConn.recv());
        try {
            parentConn.recv();
        } catch (io.multiprocessing4j.ConnectionClosedException e) {
            System.out.println("then: the child's end is closed");
        }
        p.join();
    }
}
