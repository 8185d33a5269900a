package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.generatedSource;
import static io.multiprocessing4j.processor.Compilations.indexEntry;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Task;
import io.multiprocessing4j.internal.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact output for a representative class (golden/Shop.java: a nested class, overloads,
 * void, int, a record, {@code List<String>}, an enum, varargs, generic methods, a parameter named
 * {@code Task}, another named {@code arguments}), compared with the files under
 * {@code src/test/resources/golden/}; then the compiled output is run in this JVM to show that
 * the factories bind what they should and the dispatcher calls the right method.
 */
class GoldenOutputTest {

    private static Compilation compilation;

    @BeforeAll
    static void compileShop() {
        compilation = compile(JavaFileObjects.forResource("golden/Shop.java"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void tasksClassIsExactlyTheGoldenFile() {
        assertThat(generatedSource(compilation, "com.example.Shop_PricingTasks"))
                .isEqualTo(golden("Shop_PricingTasks.java"));
    }

    @Test
    void workersClassIsExactlyTheGoldenFile() {
        assertThat(generatedSource(compilation, "com.example.Shop_PricingWorkers"))
                .isEqualTo(golden("Shop_PricingWorkers.java"));
    }

    @Test
    void dispatcherIsExactlyTheGoldenFile() {
        assertThat(generatedSource(compilation, "com.example.Shop_PricingDispatcher"))
                .isEqualTo(golden("Shop_PricingDispatcher.java"));
    }

    @Test
    void indexEntryIsExactlyTheGoldenFile() {
        assertThat(indexEntry(compilation, "com.example.Shop_PricingDispatcher"))
                .isEqualTo(golden("com.example.Shop_PricingDispatcher.index"));
    }

    @Test
    void onlyTheClassesWithAnnotatedMethodsGetGeneratedClasses() {
        assertThat(compilation.generatedSourceFiles().stream().map(file -> file.getName()).toList())
                .containsExactly("/SOURCE_OUTPUT/com/example/Shop_PricingTasks.java",
                        "/SOURCE_OUTPUT/com/example/Shop_PricingWorkers.java",
                        "/SOURCE_OUTPUT/com/example/Shop_PricingDispatcher.java");
    }

    @Test
    void dispatcherCallsTheMethodOfEachIndex() throws Throwable {
        Dispatcher dispatcher = (Dispatcher) new CompiledClassLoader(compilation)
                .loadClass("com.example.Shop_PricingDispatcher").getConstructor().newInstance();
        assertThat(dispatcher.dispatch(0, new Object[] {7})).isEqualTo(49);
        assertThat(dispatcher.dispatch(1, new Object[] {3_000_000_000L})).isEqualTo(9_000_000_000_000_000_000L);
        assertThat(dispatcher.dispatch(2, new Object[] {"logged"})).isNull();
        assertThat(dispatcher.dispatch(5, new Object[] {new int[] {1, 2, 3}})).isNull(); // a worker's result is ignored
        assertThat(dispatcher.dispatch(6, new Object[] {new String[] {"a", "b"}})).isEqualTo(2);
        assertThat(dispatcher.dispatch(7, new Object[] {"same"})).isEqualTo("same");
        assertThat(dispatcher.dispatch(8, new Object[] {new String[] {"x", "y"}})).isEqualTo("x");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> dispatcher.dispatch(9, new Object[0]));
        assertThat(unknown).hasMessageThat().isEqualTo("Shop_PricingDispatcher has no method 9");
    }

    @Test
    void factoriesBindTheMethodIndexNameAndArguments() throws Exception {
        ClassLoader loader = new CompiledClassLoader(compilation);
        Class<?> tasks = loader.loadClass("com.example.Shop_PricingTasks");

        Task<?> square = (Task<?>) tasks.getDeclaredMethod("square", int.class).invoke(null, 3);
        assertThat(square.id()).isEqualTo("com.example.Shop_PricingDispatcher#0");
        assertThat(square.name()).isEqualTo("Shop.Pricing.square");
        assertThat(square.arguments()).containsExactly(3);

        Method count = tasks.getDeclaredMethod("count", String[].class);
        count.setAccessible(true);
        String[] lone = {"a", "b"};
        Task<?> counted = (Task<?>) count.invoke(null, (Object) lone);
        // One argument, the array itself: a lone String[] is not spread over the Object[].
        assertThat(counted.arguments()).hasSize(1);
        assertThat(counted.arguments().get(0)).isSameInstanceAs(lone);

        Class<?> workers = loader.loadClass("com.example.Shop_PricingWorkers");
        Method log = workers.getDeclaredMethod("log", String.class);
        log.setAccessible(true);
        assertThat(log.invoke(null, "hello")).isInstanceOf(ChildProcess.class);
        assertThat(List.of(workers.getDeclaredMethods()).stream().map(Method::getName).sorted().toList())
                .containsExactly("log", "process", "sum");
    }

    private static String golden(String name) {
        try (InputStream in = GoldenOutputTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
