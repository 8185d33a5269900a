package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.generatedSource;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.multiprocessing4j.internal.manager.ManagedCalls;
import io.multiprocessing4j.internal.manager.ManagedDispatcher;
import io.multiprocessing4j.internal.manager.ManagedProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact output for a representative {@code @Managed} interface (golden/Inventory.java: nested,
 * generic, a generic superinterface, a redeclared {@code toString}, void, primitives, a
 * {@code char}, collections, {@code Object}, varargs, a generic method, a checked exception, the
 * interface itself as a result, a parameter named {@code calls}, a default and a static method),
 * compared with the files under {@code src/test/resources/golden/}; then the compiled output runs
 * in this JVM: the proxy over a recording {@link ManagedCalls}, the dispatcher over the real
 * implementation in the same file, as the runtime would use them, minus the process boundary.
 */
class ManagedGoldenOutputTest {

    private static final String GENERATED = "com.example.Inventory_StoreManaged";

    private static Compilation compilation;
    private static ClassLoader loader;

    @BeforeAll
    static void compileInventory() {
        compilation = compile(JavaFileObjects.forResource("golden/Inventory.java"));
        assertThat(compilation).succeededWithoutWarnings();
        loader = new CompiledClassLoader(compilation);
    }

    @Test
    void managedClassIsExactlyTheGoldenFile() {
        assertThat(generatedSource(compilation, GENERATED)).isEqualTo(golden("Inventory_StoreManaged.java"));
    }

    @Test
    void indexEntryIsExactlyTheGoldenFile() throws IOException {
        JavaFileObject entry = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/multiprocessing4j/managed/" + GENERATED).orElseThrow();
        assertThat(entry.getCharContent(false).toString()).isEqualTo(golden("com.example.Inventory_StoreManaged.index"));
    }

    @Test
    void onlyTheManagedInterfaceGetsAGeneratedClass() {
        assertThat(compilation.generatedSourceFiles().stream().map(JavaFileObject::getName).toList())
                .containsExactly("/SOURCE_OUTPUT/com/example/Inventory_StoreManaged.java");
    }

    /** What the runtime does: reads the public static field DISPATCHER of the class it names. */
    @Test
    void theRuntimeReachesTheDispatcherThroughItsPublicStaticField() throws Exception {
        Class<?> generated = Class.forName(GENERATED, true, loader);
        assertThat(Modifier.isPublic(generated.getModifiers())).isTrue();
        assertThat(Modifier.isFinal(generated.getModifiers())).isTrue();
        Object field = generated.getField("DISPATCHER").get(null);
        assertThat(field).isInstanceOf(ManagedDispatcher.class);
        assertThat(((ManagedDispatcher) field).type()).isEqualTo(loader.loadClass("com.example.Inventory$Store"));
        assertThat(generated.getConstructors()).isEmpty(); // DISPATCHER is the one instance
    }

    @Test
    void proxySendsEachCallWithItsNumberNameAndArgumentsAndConvertsTheAnswer() throws Throwable {
        RecordingCalls calls = new RecordingCalls();
        Object proxy = dispatcher().proxy(calls);
        assertThat(proxy).isInstanceOf(loader.loadClass("com.example.Inventory$Store"));

        calls.answers.add(7);
        assertThat(call(proxy, "count", "apples")).isEqualTo(7);
        calls.answers.add(null);
        assertThat(call(proxy, "clear")).isNull();
        calls.answers.add(List.of("apples"));
        assertThat(call(proxy, "names")).isEqualTo(List.of("apples"));
        calls.answers.add("anything at all");
        assertThat(call(proxy, "anything", (Object) 3.5)).isEqualTo("anything at all");
        int[] amounts = {1, 2, 3};
        calls.answers.add(6L);
        assertThat(call(proxy, "total", (Object) amounts)).isEqualTo(6L);
        calls.answers.add(42);
        assertThat(call(proxy, "echo", 42)).isEqualTo(42);
        calls.answers.add(true);
        assertThat(call(proxy, "has", 'a')).isEqualTo(true);
        calls.answers.add(null);
        call(proxy, "log", "a parameter named calls");
        calls.answers.add("pears");
        assertThat(call(proxy, "newest")).isEqualTo("pears");
        calls.answers.add(null);
        call(proxy, "restock", "pears", 4);

        assertThat(calls.sent).containsExactly(
                "2 Inventory.Store.count [apples]",
                "3 Inventory.Store.clear []",
                "4 Inventory.Store.names []",
                "6 Inventory.Store.anything [3.5]",
                "7 Inventory.Store.total [[1, 2, 3]]",
                "8 Inventory.Store.echo [42]",
                "10 Inventory.Store.has [a]",
                "11 Inventory.Store.log [a parameter named calls]",
                "0 Inventory.Store.newest []",
                "1 Inventory.Store.restock [pears, 4]").inOrder();
        // A lone array argument of a varargs method is one argument, the array itself.
        assertThat(calls.arguments.get(4)).hasLength(1);
        assertThat(calls.arguments.get(4)[0]).isSameInstanceAs(amounts);
    }

    @Test
    void defaultMethodRunsInTheClientThroughTheProxiedMethods() throws Throwable {
        RecordingCalls calls = new RecordingCalls();
        Object proxy = dispatcher().proxy(calls);
        calls.answers.add(5);
        assertThat(call(proxy, "twice", "apples")).isEqualTo(10);
        assertThat(calls.sent).containsExactly("2 Inventory.Store.count [apples]");
    }

    @Test
    void theRuntimesExceptionsReachTheCallerUnchanged() throws Throwable {
        RecordingCalls calls = new RecordingCalls();
        Object proxy = dispatcher().proxy(calls);
        IllegalStateException gone = new IllegalStateException("the manager is gone");
        calls.failure = gone;
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> call(proxy, "count", "apples"));
        assertThat(thrown.getCause()).isSameInstanceAs(gone);
    }

    @Test
    void proxiesAreEqualWhenTheyShareTheirCallsAndSayWhatTheyStandFor() {
        RecordingCalls calls = new RecordingCalls();
        Object proxy = dispatcher().proxy(calls);
        Object same = dispatcher().proxy(calls);
        Object other = dispatcher().proxy(new RecordingCalls());
        assertThat(proxy).isEqualTo(same);
        assertThat(proxy.hashCode()).isEqualTo(calls.hashCode());
        assertThat(proxy).isNotEqualTo(other);
        assertThat(proxy.equals(null)).isFalse();
        assertThat(((ManagedProxy) proxy).managedCalls()).isSameInstanceAs(calls);
        assertThat(proxy.toString()).isEqualTo("Inventory.Store@" + calls);
        assertThat(calls.sent).isEmpty(); // none of these asks the server
    }

    @Test
    void dispatcherCallsTheImplementationByNumber() throws Throwable {
        ManagedDispatcher dispatcher = dispatcher();
        Object store = loader.loadClass("com.example.Inventory$ShopStore").getConstructor().newInstance();
        assertThat(dispatcher.invoke(store, 1, new Object[] {"apples", 3})).isNull();
        assertThat(dispatcher.invoke(store, 1, new Object[] {"pears", 2})).isNull();
        assertThat(dispatcher.invoke(store, 2, new Object[] {"apples"})).isEqualTo(3);
        assertThat(dispatcher.invoke(store, 4, new Object[0])).isEqualTo(List.of("apples", "pears"));
        assertThat(dispatcher.invoke(store, 5, new Object[0])).isEqualTo(Map.of("apples", 3, "pears", 2));
        assertThat(dispatcher.invoke(store, 6, new Object[] {null})).isNull();
        assertThat(dispatcher.invoke(store, 7, new Object[] {new int[] {4, 5}})).isEqualTo(9L);
        assertThat(dispatcher.invoke(store, 8, new Object[] {2.5})).isEqualTo(2.5);
        assertThat(dispatcher.invoke(store, 9, new Object[0])).isSameInstanceAs(store);
        assertThat(dispatcher.invoke(store, 10, new Object[] {'p'})).isEqualTo(true);
        assertThat(dispatcher.invoke(store, 11, new Object[] {"hello"})).isNull();
        assertThat(dispatcher.invoke(store, 0, new Object[0])).isEqualTo("pears");
        assertThat(dispatcher.invoke(store, 3, new Object[0])).isNull();
        assertThat(dispatcher.invoke(store, 2, new Object[] {"apples"})).isEqualTo(0);
        assertThat(store.getClass().getMethod("logged").invoke(store)).isEqualTo(List.of("hello"));
    }

    @Test
    void dispatcherThrowsWhatTheImplementationThrowsUnchanged() throws Exception {
        Object store = loader.loadClass("com.example.Inventory$ShopStore").getConstructor().newInstance();
        IOException thrown = assertThrows(IOException.class, () -> dispatcher().invoke(store, 5, new Object[0]));
        assertThat(thrown).hasMessageThat().isEqualTo("nothing in stock");
    }

    @Test
    void dispatcherThrowsAnErrorOfTheImplementationUnchanged() throws Exception {
        Object store = loader.loadClass("com.example.Inventory$ShopStore").getConstructor().newInstance();
        AssertionError thrown = assertThrows(AssertionError.class,
                () -> dispatcher().invoke(store, 10, new Object[] {'!'}));
        assertThat(thrown).hasMessageThat().isEqualTo("an Error, not an Exception");
    }

    @Test
    void dispatcherRefusesAnUnknownNumberNamingItself() throws Exception {
        Object store = loader.loadClass("com.example.Inventory$ShopStore").getConstructor().newInstance();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> dispatcher().invoke(store, 12, new Object[0]));
        assertThat(unknown).hasMessageThat().isEqualTo("Inventory_StoreManaged has no method 12");
    }

    /** The proxy made by one process and the dispatcher in another, here back to back: a round trip. */
    @Test
    void proxyOverTheDispatcherRoundTripsEveryCall() throws Throwable {
        ManagedDispatcher dispatcher = dispatcher();
        Object store = loader.loadClass("com.example.Inventory$ShopStore").getConstructor().newInstance();
        ManagedCalls direct = (method, name, arguments) -> {
            try {
                return dispatcher.invoke(store, method, arguments);
            } catch (Throwable t) {
                throw new IllegalStateException(name + " failed", t);
            }
        };
        Object proxy = dispatcher.proxy(direct);
        call(proxy, "restock", "figs", 5);
        assertThat(call(proxy, "twice", "figs")).isEqualTo(10);
        assertThat(call(proxy, "total", (Object) new int[] {1, 1})).isEqualTo(2L);
        assertThat(call(proxy, "newest")).isEqualTo("figs");
        InvocationTargetException failed = assertThrows(InvocationTargetException.class, () -> {
            call(proxy, "clear");
            call(proxy, "counts");
        });
        assertThat(failed.getCause()).hasMessageThat().isEqualTo("Inventory.Store.counts failed");
        assertThat(failed.getCause()).hasCauseThat().isInstanceOf(IOException.class);
    }

    private static ManagedDispatcher dispatcher() {
        try {
            return (ManagedDispatcher) Class.forName(GENERATED, true, loader).getField("DISPATCHER").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls the interface method {@code name} on {@code proxy} (through the public interface, as a user would). */
    private static Object call(Object proxy, String name, Object... arguments) throws Throwable {
        Class<?> store = loader.loadClass("com.example.Inventory$Store");
        for (Method method : store.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
                return method.invoke(proxy, arguments);
            }
        }
        throw new AssertionError("no method " + name + " with " + arguments.length + " parameters");
    }

    /** Records what the proxy sends and answers from a queue, as the runtime's calls would. */
    private static final class RecordingCalls implements ManagedCalls {
        final List<String> sent = new ArrayList<>();
        final List<Object[]> arguments = new ArrayList<>();
        final List<Object> answers = new ArrayList<>(); // null answers too: no Deque
        RuntimeException failure;

        @Override
        public Object call(int method, String methodName, Object[] arguments) {
            if (failure != null) {
                throw failure;
            }
            this.arguments.add(arguments);
            sent.add(method + " " + methodName + " " + Arrays.deepToString(arguments));
            return answers.isEmpty() ? null : answers.remove(0);
        }
    }

    private static String golden(String name) {
        try (InputStream in = ManagedGoldenOutputTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
