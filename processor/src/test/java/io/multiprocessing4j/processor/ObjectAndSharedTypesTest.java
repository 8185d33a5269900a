package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code Object} as a type or a type argument, and the runtime's shared objects, are carriable:
 * the first is checked value by value when it is sent, the second travels as a handle. What
 * contains them is still checked all the way down.
 */
class ObjectAndSharedTypesTest {

    @Test
    void objectAloneAndAsATypeArgumentIsAccepted() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @PoolTask static Object describe(Object anything) { return anything; }",
                "    @PoolTask static Map<String, Object> fields(Map<String, Object> row) { return row; }",
                "    @PoolTask static List<Object> items(List<Object> items, Object[] array) { return items; }",
                "    @Worker static void run(Set<Object> values, java.util.ArrayList<Object> more) {}",
                "    record Row(String key, Object value) {}",
                "    @PoolTask static Row row(Row row) { return row; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilations.generatedSource(compilation, "com.example.JobsTasks"))
                .contains("static Task<Object> describe(Object anything)");
    }

    @Test
    void aRecordHoldingObjectAndAThreadIsStillRefusedOnTheThread() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    record Row(Object value, Thread owner) {}",
                "    @PoolTask static int size(",
                "            Row row) { return 0; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("parameter row of @PoolTask method Jobs.size has type Jobs.Row,"
                + " which cannot be sent to a child JVM: Jobs.Row.owner has type Thread, which is a thread, stream or"
                + " other resource bound to this process").inFile(file).onLineContaining("Row row)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void everySharedTypeIsAcceptedAsParameterAndResult() {
        JavaFileObject file = source("Jobs",
                "import io.multiprocessing4j.*;",
                "class Jobs {",
                "    @PoolTask static SharedLock lock(SharedLock lock, SharedRLock rlock, SharedCondition condition) {",
                "        return lock;",
                "    }",
                "    @PoolTask static SharedSemaphore sync(SharedSemaphore semaphore, SharedEvent event,",
                "            SharedBarrier barrier) { return semaphore; }",
                "    @PoolTask static SharedInt values(SharedInt i, SharedLong l, SharedDouble d) { return i; }",
                "    @Worker static void arrays(SharedIntArray i, SharedLongArray l, SharedDoubleArray d,",
                "            SharedMemory memory) {}",
                "    record Bundle(SharedLock lock, List<SharedInt> counters) {}",
                "    @PoolTask static Bundle bundle(Bundle bundle, Map<String, SharedEvent> events) { return bundle; }",
                "    @PoolTask static SharedMemory memory(int size) { return SharedMemory.create(size); }",
                "}");
        assertThat(compile(file)).succeededWithoutWarnings();
    }

    /**
     * Issue 9's channels, the runtime's own classes (not stand-ins): a queue, a pipe and an end
     * are accepted as parameters and results, with {@code Object} or a shared type as their type
     * argument, and may be nested in what else is carriable.
     */
    @Test
    void queuesPipesAndConnectionsAreAcceptedAsParameterAndResult() {
        JavaFileObject file = source("Jobs",
                "import io.multiprocessing4j.*;",
                "class Jobs {",
                "    @PoolTask static SharedQueue<Object> queue(SharedQueue<Object> any, SharedQueue<String> strings) {",
                "        return any;",
                "    }",
                "    @PoolTask static Connection<Object> end(Connection<Object> end, Pipe<int[]> pipe) { return end; }",
                "    @Worker static void nested(SharedQueue<SharedQueue<Long>> queues, SharedQueue<Connection<Object>> ends,",
                "            Connection<SharedLock> locks, List<Connection<String>> many) {}",
                "    record Channels(SharedQueue<Map<String, Object>> rows, Connection<Object> control) {}",
                "    @PoolTask static Pipe<Object> pipe(Channels channels) { return Pipe.create(); }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilations.generatedSource(compilation, "com.example.JobsTasks"))
                .contains("static Task<Connection<Object>> end(Connection<Object> end, Pipe<int[]> pipe)");
    }

    @Test
    void aConnectionOfAThreadIsRefusedOnItsParameter() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @PoolTask static int run(io.multiprocessing4j.SharedQueue<Object> fine,",
                "            io.multiprocessing4j.Connection<Thread> threads) { return 0; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("parameter threads of @PoolTask method Jobs.run has type"
                + " Connection<Thread>, which cannot be sent to a child JVM: it contains Thread, which is a thread")
                .inFile(file).onLineContaining("Connection<Thread> threads");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aLambdaTypeNextToASharedTypeIsStillRefused() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @PoolTask static int run(io.multiprocessing4j.SharedLock lock,",
                "            Runnable action) { return 0; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("parameter action of @PoolTask method Jobs.run has type Runnable")
                .inFile(file).onLineContaining("Runnable action");
        assertThat(compilation).hadErrorCount(1);
    }
}
