package io.multiprocessing4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Rule 3: every parameter, and the result of a pool task, has a type the wire can carry. Each
 * refusal is an error on the parameter (on the method for a result) that says why and what to do.
 */
class WireTypeRulesTest {

    /** Compiles {@code Jobs} with the given members and expects exactly one error, on the line containing {@code line}. */
    private static void assertRefused(String line, String message, String... members) {
        String[] body = new String[members.length + 2];
        body[0] = "class Jobs {";
        System.arraycopy(members, 0, body, 1, members.length);
        body[body.length - 1] = "}";
        JavaFileObject file = source("Jobs", body);
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void recordWithABadNestedComponentNamesThePath() {
        assertRefused("Order order",
                "parameter order of @PoolTask method Jobs.place has type Jobs.Order, which cannot be sent to a"
                        + " child JVM: Jobs.Order.customer.address.geo has type Jobs.Geo, which is neither a"
                        + " record nor java.io.Serializable: make it a record or implement java.io.Serializable",
                "    static class Geo { double lat; }",
                "    record Address(String street, Geo geo) {}",
                "    record Customer(String name, Address address) {}",
                "    record Order(int id, Customer customer) {}",
                "    @PoolTask static int place(",
                "            Order order) { return order.id(); }");
    }

    @Test
    void rawListIsRefused() {
        assertRefused("List items",
                "parameter items of @PoolTask method Jobs.count has type List, which cannot be sent to a child JVM:"
                        + " List is a raw type, so its elements could be anything: give the element type,"
                        + " e.g. List<String>",
                "    @SuppressWarnings(\"rawtypes\")",
                "    @PoolTask static int count(List items) { return items.size(); }");
    }

    @Test
    void listOfThreadsIsRefused() {
        assertRefused("List<Thread> threads",
                "parameter threads of @Worker method Jobs.join has type List<Thread>, which cannot be sent to a child"
                        + " JVM: it contains Thread, which is a thread, stream or other resource bound to this"
                        + " process: pass what is needed to open it (a path, a URL, a host and port) and open it"
                        + " inside the task",
                "    @Worker static void join(List<Thread> threads) {}");
    }

    @Test
    void threadIsRefused() {
        assertRefused("Thread thread",
                "parameter thread of @Worker method Jobs.join has type Thread, which cannot be sent to a child JVM:"
                        + " Thread is a thread, stream or other resource bound to this process: pass what is needed"
                        + " to open it (a path, a URL, a host and port) and open it inside the task",
                "    @Worker static void join(Thread thread) {}");
    }

    @Test
    void mapOfRunnablesIsRefused() {
        assertRefused("Map<String, Runnable> handlers",
                "parameter handlers of @PoolTask method Jobs.run has type Map<String, Runnable>, which cannot be sent"
                        + " to a child JVM: it contains Runnable, which is a function type, and a lambda cannot"
                        + " cross a process boundary: pass the data and call the function inside the task",
                "    @PoolTask static int run(Map<String, Runnable> handlers) { return 0; }");
    }

    @Test
    void optionalIsRefusedWithAFixNamingListOrSet() {
        assertRefused("Optional<String> name",
                "parameter name of @PoolTask method Jobs.greet has type Optional<String>, which cannot be sent to a"
                        + " child JVM: Optional<String> is not one of the containers the wire carries (List, Set"
                        + " and Map): pass the value itself (null when absent), or declare it as a List or a Set",
                "    @PoolTask static String greet(java.util.Optional<String> name) { return name.orElse(\"\"); }");
    }

    @Test
    void collectionIsRefusedWithAFixNamingListOrSet() {
        assertRefused("Collection<String> names",
                "parameter names of @PoolTask method Jobs.count has type Collection<String>, which cannot be sent"
                        + " to a child JVM: Collection<String> is not one of the collections the wire carries (List,"
                        + " Set and Map): declare it as a List or a Set",
                "    @PoolTask static int count(java.util.Collection<String> names) { return names.size(); }");
    }

    @Test
    void streamIsRefused() {
        assertRefused("Stream<String> names",
                "parameter names of @PoolTask method Jobs.count has type Stream<String>, which cannot be sent to a"
                        + " child JVM: Stream<String> is consumed lazily in this process: collect it into a List"
                        + " or a Set before the call",
                "    @PoolTask static long count(java.util.stream.Stream<String> names) { return names.count(); }");
    }

    @Test
    void nonSerializableInterfaceIsRefused() {
        assertRefused("CharSequence text",
                "parameter text of @PoolTask method Jobs.length has type CharSequence, which cannot be sent to a"
                        + " child JVM: CharSequence is an interface that does not extend java.io.Serializable:"
                        + " declare a concrete carriable type",
                "    @PoolTask static int length(CharSequence text) { return text.length(); }");
    }

    @Test
    void lambdaTypeIsRefused() {
        assertRefused("Function<String, Integer> parser",
                "parameter parser of @PoolTask method Jobs.parse has type Function<String, Integer>, which cannot"
                        + " be sent to a child JVM: Function<String, Integer> is a function type, and a lambda"
                        + " cannot cross a process boundary: pass the data and call the function inside the task",
                "    @PoolTask static int parse(java.util.function.Function<String, Integer> parser) { return 0; }");
    }

    @Test
    void ownFunctionalInterfaceIsRefusedAsALambdaType() {
        assertRefused("Step step",
                "parameter step of @Worker method Jobs.run has type Jobs.Step, which cannot be sent to a child JVM:"
                        + " Jobs.Step is a function type, and a lambda cannot cross a process boundary",
                "    interface Step { void apply(int value); }",
                "    @Worker static void run(Step step) {}");
    }

    @Test
    void inputStreamIsRefused() {
        assertRefused("InputStream in",
                "parameter in of @PoolTask method Jobs.read has type InputStream, which cannot be sent to a child"
                        + " JVM: InputStream is a thread, stream or other resource bound to this process: pass what"
                        + " is needed to open it (a path, a URL, a host and port) and open it inside the task",
                "    @PoolTask static int read(java.io.InputStream in) { return 0; }");
    }

    @Test
    void nonSerializableClassIsRefused() {
        assertRefused("Counter counter",
                "parameter counter of @PoolTask method Jobs.next has type Jobs.Counter, which cannot be sent to a"
                        + " child JVM: Jobs.Counter is neither a record nor java.io.Serializable: make it a record"
                        + " or implement java.io.Serializable",
                "    static class Counter { int value; }",
                "    @PoolTask static int next(Counter counter) { return counter.value + 1; }");
    }

    @Test
    void serializableCollectionOfThreadsIsRefused() {
        assertRefused("ArrayList<Thread> threads",
                "parameter threads of @PoolTask method Jobs.count has type ArrayList<Thread>, which cannot be sent"
                        + " to a child JVM: it contains Thread, which is a thread",
                "    @PoolTask static int count(java.util.ArrayList<Thread> threads) { return 0; }");
    }

    @Test
    void wildcardElementIsRefused() {
        assertRefused("List<?> items",
                "parameter items of @PoolTask method Jobs.count has type List<?>, which cannot be sent to a child"
                        + " JVM: it contains ?, which could be anything: declare a concrete carriable type",
                "    @PoolTask static int count(List<?> items) { return items.size(); }");
    }

    @Test
    void unboundedTypeVariableIsRefused() {
        assertRefused("T value",
                "parameter value of @PoolTask method Jobs.echo has type T, which cannot be sent to a child JVM:"
                        + " T is a type variable without a bound, so it could be anything: bound it by a single"
                        + " carriable type, e.g. <T extends java.io.Serializable>",
                "    @PoolTask static <T> int echo(T value) { return 0; }");
    }

    @Test
    void typeVariableWithAnUncarriableBoundIsRefused() {
        assertRefused("T task",
                "parameter task of @Worker method Jobs.run has type T, which cannot be sent to a child JVM: T is a"
                        + " type variable bounded by Runnable, which is a function type, and a lambda cannot cross"
                        + " a process boundary: bound it by a single carriable type",
                "    @Worker static <T extends Runnable> void run(T task) {}");
    }

    @Test
    void typeVariableWithSeveralBoundsIsRefusedAsUnsupported() {
        assertRefused("T value",
                "parameter value of @PoolTask method Jobs.max has type T, which cannot be sent to a child JVM: T is"
                        + " a type variable with several bounds or a bound that refers to a type variable, which"
                        + " the generated code cannot call the method with: bound it by a single carriable type,"
                        + " e.g. <T extends java.io.Serializable>",
                "    @PoolTask static <T extends Comparable<T> & Serializable> int max(T value) { return 0; }");
    }

    @Test
    void uncarriableResultOfAPoolTaskIsRefusedOnTheMethod() {
        assertRefused("static Thread spawn",
                "the result of @PoolTask method Jobs.spawn has type Thread, which cannot be sent back from a child"
                        + " JVM: Thread is a thread, stream or other resource bound to this process",
                "    @PoolTask static Thread spawn(int n) { return null; }");
    }

    @Test
    void resultOfAWorkerIsIgnored() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @Worker static Thread spawn(int n) { return null; }",
                "}");
        assertThat(compile(file)).succeededWithoutWarnings();
    }

    @Test
    void uncarriableArrayElementIsRefused() {
        assertRefused("Thread[] values",
                "parameter values of @Worker method Jobs.run has type Thread[], which cannot be sent to a child JVM:"
                        + " it contains Thread, which is a thread, stream or other resource bound to this process",
                "    @Worker static void run(Thread[] values) {}");
    }

    @Test
    void everyBadParameterIsReportedOnItsOwnLine() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @PoolTask static int run(",
                "            Thread first,",
                "            int fine,",
                "            Runnable second) { return 0; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("parameter first").inFile(file).onLine(13);
        assertThat(compilation).hadErrorContaining("parameter second").inFile(file).onLine(15);
        assertThat(compilation).hadErrorCount(2);
    }
}
