package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.annotations.Worker;
import java.util.List;

/**
 * A creator process puts data on a queue and a consumer process takes it off until it meets the
 * sentinel. The Python original:
 *
 * <pre>
 * from multiprocessing import Process, Queue
 *
 * sentinel = -1
 *
 * def creator(data, q):
 *     print('Creating data and putting it on the queue')
 *     for item in data:
 *         q.put(item)
 *
 * def my_consumer(q):
 *     while True:
 *         data = q.get()
 *         print('data found to be processed: {}'.format(data))
 *         processed = data * 2
 *         print('data processed: {}'.format(processed))
 *         if data is sentinel:
 *             break
 *
 * if __name__ == '__main__':
 *     q = Queue()
 *     data = [5, 10, 13, -1]
 *     process_one = Process(target=creator, args=(data, q))
 *     process_two = Process(target=my_consumer, args=(q,))
 *     process_one.start()
 *     process_two.start()
 *
 *     q.close()
 *     q.join_thread()
 *
 *     process_one.join()
 *     process_two.join()
 * </pre>
 *
 * <p>Output, as in Python:
 *
 * <pre>
 * Creating data and putting it on the queue
 * data found to be processed: 5
 * data processed: 10
 * data found to be processed: 10
 * data processed: 20
 * data found to be processed: 13
 * data processed: 26
 * data found to be processed: -1
 * data processed: -2
 * </pre>
 *
 * <p>Python's {@code q.close(); q.join_thread()} in the main process flushes the items that
 * process put through its feeder thread; it put none. Here {@code put} writes each item into
 * shared memory before it returns, so there is no feeder thread to flush, and
 * {@link SharedQueue#close()} only closes the main process's object of the queue.
 */
public final class QueueCreatorConsumer {

    /** The value that tells the consumer there is nothing more. */
    static final int SENTINEL = -1;

    private QueueCreatorConsumer() {}

    /** Puts every item of {@code data} on the queue. */
    @Worker
    static void creator(List<Integer> data, SharedQueue<Integer> q) throws InterruptedException {
        System.out.println("Creating data and putting it on the queue");
        for (int item : data) {
            q.put(item);
        }
    }

    /** Takes items, doubling each, until it takes the sentinel. */
    @Worker
    static void myConsumer(SharedQueue<Integer> q) throws InterruptedException {
        while (true) {
            int data = q.take();
            System.out.println("data found to be processed: " + data);
            int processed = data * 2;
            System.out.println("data processed: " + processed);
            if (data == SENTINEL) {
                break;
            }
        }
    }

    /** Starts the creator and the consumer, and waits for both. */
    public static void main(String[] args) {
        SharedQueue<Integer> q = SharedQueue.create();
        List<Integer> data = List.of(5, 10, 13, SENTINEL);
        ChildProcess processOne = QueueCreatorConsumerWorkers.creator(data, q).start();
        ChildProcess processTwo = QueueCreatorConsumerWorkers.myConsumer(q).start();

        q.close();

        processOne.join();
        processTwo.join();
    }
}
