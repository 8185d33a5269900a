package io.multiprocessing4j.examples;

import io.multiprocessing4j.SharedDouble;
import io.multiprocessing4j.SharedIntArray;
import io.multiprocessing4j.annotations.Worker;

/**
 * A child process changes a shared value and a shared array, and the parent sees the changes.
 * The Python original:
 *
 * <pre>
 * from multiprocessing import Process, Value, Array
 *
 * def f(n, a):
 *     n.value = 3.1415927
 *     for i in range(len(a)):
 *         a[i] = -a[i]
 *
 * if __name__ == '__main__':
 *     num = Value('d', 0.0)
 *     arr = Array('i', range(10))
 *     print('Before:', num.value, arr[:])
 *     p = Process(target=f, args=(num, arr))
 *     p.start()
 *     p.join()
 *     print('After:', num.value, arr[:])
 * </pre>
 *
 * <p>Output:
 *
 * <pre>
 * Before: 0.0 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
 * After: 3.1415927 [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]
 * </pre>
 */
public final class SharedValueArray {

    private SharedValueArray() {}

    /** The child: sets the value to pi and negates every element. */
    @Worker
    static void f(SharedDouble n, SharedIntArray a) {
        n.set(3.1415927);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, -a.get(i));
        }
    }

    /** Prints the value and the array before and after the child ran. */
    public static void main(String[] args) {
        SharedDouble num = SharedDouble.create(0.0);
        SharedIntArray arr = SharedIntArray.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        System.out.println("Before: " + num + " " + arr);
        SharedValueArrayWorkers.f(num, arr).start().join();
        System.out.println("After: " + num + " " + arr);
    }
}
