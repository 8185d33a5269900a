package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.generatedSource;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.multiprocessing4j.internal.manager.ManagedCalls;
import io.multiprocessing4j.internal.manager.ManagedDispatcher;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Interfaces a hostile or merely unusual user writes, each of which must give a {@code FooManaged}
 * that compiles under {@code -Xlint:all -Werror} and sends the calls it should: inheritance
 * diamonds, defaults over abstract methods, names that collide with the generated code's, no
 * methods at all; and {@code @Managed} types as the types of tasks and of other managed methods.
 */
class ManagedShapesTest {

    private static JavaFileObject managedSource(String name, String... lines) {
        List<String> body = new ArrayList<>();
        body.add("import io.multiprocessing4j.annotations.Managed;");
        body.addAll(List.of(lines));
        return source(name, body.toArray(String[]::new));
    }

    /**
     * The numbers and names of the calls the proxy in {@code generated} sends when each abstract
     * method of {@code interfaceName} with a reference or void result is called once, with zero
     * or null arguments (a primitive result cannot be null, which the recording calls answer).
     */
    private static List<String> callsOfEveryMethod(Compilation compilation, String generated, String interfaceName)
            throws Exception {
        ClassLoader loader = new CompiledClassLoader(compilation);
        ManagedDispatcher dispatcher = (ManagedDispatcher) Class.forName(generated, true, loader)
                .getField("DISPATCHER").get(null);
        List<String> sent = new ArrayList<>();
        ManagedCalls calls = (method, name, arguments) -> {
            sent.add(method + " " + name);
            return null;
        };
        Object proxy = dispatcher.proxy(calls);
        Set<String> called = new HashSet<>(); // getMethods lists a diamond's method once per superinterface
        for (Method method : loader.loadClass(interfaceName).getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())
                    || (method.getReturnType().isPrimitive() && method.getReturnType() != void.class)
                    || !called.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
                continue;
            }
            Object[] arguments = new Object[method.getParameterCount()];
            for (int i = 0; i < arguments.length; i++) {
                Class<?> type = method.getParameterTypes()[i];
                arguments[i] = type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
            }
            method.invoke(proxy, arguments);
        }
        Collections.sort(sent);
        return sent;
    }

    @Test
    void managedInterfacesAreCarriableByTasksAndByOtherManagedMethods() {
        JavaFileObject file = managedSource("Jobs",
                "public class Jobs {",
                "    @Managed public interface Counter { int add(int delta); }",
                "    @Managed public interface Box<T extends Serializable> { T get(); }",
                "    @Managed public interface Registry {",
                "        void register(String name, Counter counter);",
                "        Counter find(String name);",
                "        List<Counter> all();",
                "        Box<String> label();",
                "    }",
                "    @PoolTask static Counter bump(Counter counter, Map<String, Box<Integer>> boxes) { return counter; }",
                "    @Worker static void watch(Registry registry) {}",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generatedSource(compilation, "com.example.Jobs_RegistryManaged"))
                .contains("return (Jobs.Counter) calls.call(1, \"Jobs.Registry.find\", new Object[] {name});");
    }

    @Test
    void aManagedTypeArgumentThatCannotTravelIsStillRefused() {
        JavaFileObject file = managedSource("Jobs",
                "public class Jobs {",
                "    @Managed public interface Box<T extends Serializable> { T get(); }",
                "    @SuppressWarnings(\"rawtypes\")",
                "    @PoolTask static int raw(",
                "            Box box) { return 0; }",
                "    @PoolTask static int wild(",
                "            Box<?> box) { return 0; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("parameter box of @PoolTask method Jobs.raw has type Jobs.Box, which"
                + " cannot be sent to a child JVM: Jobs.Box is a raw type, so its elements could be anything: give its"
                + " type argument, e.g. Box<String>").inFile(file).onLineContaining("Box box)");
        assertThat(compilation).hadErrorContaining("parameter box of @PoolTask method Jobs.wild has type Jobs.Box<?>,"
                + " which cannot be sent to a child JVM: it contains ?, which could be anything")
                .inFile(file).onLineContaining("Box<?> box)");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void anInterfaceWithoutManagedIsStillRefusedAsATaskParameter() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    public interface Counter { int add(int delta); int get(); }",
                "    @PoolTask static int bump(",
                "            Counter counter) { return 0; }",
                "}");
        assertThat(compile(file)).hadErrorContaining("Jobs.Counter is an interface that does not extend"
                + " java.io.Serializable").inFile(file).onLineContaining("Counter counter)");
    }

    @Test
    void diamondInheritanceProxiesEachMethodOnceWithTheMostSpecificResult() throws Exception {
        JavaFileObject file = managedSource("Shapes",
                "public class Shapes {",
                "    public interface Named { Object name(); void rename(String name); }",
                "    public interface Labelled { String name(); void rename(String name); }",
                "    @Managed public interface Shape extends Named, Labelled { double area(); }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generatedSource(compilation, "com.example.Shapes_ShapeManaged"))
                .contains("public String name() {");
        assertThat(callsOfEveryMethod(compilation, "com.example.Shapes_ShapeManaged", "com.example.Shapes$Shape"))
                .containsExactly("0 Shapes.Shape.name", "1 Shapes.Shape.rename");
    }

    @Test
    void aDefaultMethodOverAnInheritedAbstractOneRunsInTheClientAndIsNotNumbered() throws Exception {
        JavaFileObject file = managedSource("Bags",
                "public class Bags {",
                "    public interface Sized { int size(); boolean isEmpty(); }",
                "    @Managed public interface Bag extends Sized {",
                "        List<String> items();",
                "        default int size() { return items().size(); }",
                "    }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        String generated = generatedSource(compilation, "com.example.Bags_BagManaged");
        assertThat(generated).doesNotContain("size");
        String index = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/multiprocessing4j/managed/com.example.Bags_BagManaged").orElseThrow()
                .getCharContent(false).toString();
        assertThat(index).isEqualTo("0 isEmpty()\n1 items()\n");
    }

    /**
     * An interface that extends another and adds methods numbers the inherited ones as the other
     * does, redeclared or not, so a number means the same method to both generated classes.
     */
    @Test
    void inheritedMethodsKeepTheNumbersOfTheInterfaceTheyComeFrom() throws IOException {
        JavaFileObject file = managedSource("Accounts",
                "public class Accounts {",
                "    @Managed public interface Account { long balance(); void deposit(long amount); Object owner(); }",
                "    @Managed public interface Savings extends Account {",
                "        double rate();",
                "        String owner();",
                "    }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(index(compilation, "com.example.Accounts_AccountManaged"))
                .isEqualTo("0 balance()\n1 deposit(long)\n2 owner()\n");
        assertThat(index(compilation, "com.example.Accounts_SavingsManaged"))
                .isEqualTo("0 balance()\n1 deposit(long)\n2 owner()\n3 rate()\n");
        assertThat(generatedSource(compilation, "com.example.Accounts_SavingsManaged"))
                .contains("public String owner() {"); // the redeclaration's narrower result, in the old place
    }

    private static String index(Compilation compilation, String generated) throws IOException {
        return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/multiprocessing4j/managed/" + generated)
                .orElseThrow().getCharContent(false).toString();
    }

    @Test
    void objectsMethodsRedeclaredInTheInterfaceAreAnsweredByTheProxy() throws IOException {
        JavaFileObject file = managedSource("Point",
                "@Managed",
                "public interface Point {",
                "    int x();",
                "    boolean equals(Object other);",
                "    int hashCode();",
                "    String toString();",
                "    boolean equals(Point other);",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/multiprocessing4j/managed/com.example.PointManaged").orElseThrow()
                .getCharContent(false).toString()).isEqualTo("0 x()\n1 equals(com.example.Point)\n");
    }

    @Test
    void namesThatCollideWithTheGeneratedCodesAreWrittenSoTheyStillMeanWhatTheyMean() throws Exception {
        JavaFileObject proxy = managedSource("Proxy",
                "@Managed",
                "public interface Proxy {",
                "    Proxy self();",
                "    void call(int calls, String method, Object[] arguments, Object target, String object);",
                "}");
        JavaFileObject calls = managedSource("ManagedCalls",
                "@Managed",
                "public interface ManagedCalls { ManagedCalls next(); }");
        JavaFileObject odd = managedSource("Odd",
                "@Managed",
                "public interface Odd<Object extends Serializable> {",
                "    Object get();",
                "    <String extends Number> String echo(String value);",
                "}");
        Compilation compilation = compile(proxy, calls, odd);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(callsOfEveryMethod(compilation, "com.example.ProxyManaged", "com.example.Proxy"))
                .containsExactly("0 Proxy.self", "1 Proxy.call");
        assertThat(callsOfEveryMethod(compilation, "com.example.OddManaged", "com.example.Odd"))
                .containsExactly("0 Odd.get", "1 Odd.echo");
    }

    @Test
    void overloadsAreNumberedApartAndDispatchedByTheirParameterTypes() throws Throwable {
        Compilation compilation = compile(managedSource("Adder",
                "@Managed",
                "public interface Adder {",
                "    String add(int value);",
                "    String add(long value);",
                "    String add(String... values);",
                "}"), source("AdderImpl",
                "public final class AdderImpl implements Adder {",
                "    public String add(int value) { return \"int\"; }",
                "    public String add(long value) { return \"long\"; }",
                "    public String add(String... values) { return \"strings \" + values.length; }",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation);
        ManagedDispatcher dispatcher = (ManagedDispatcher) Class.forName("com.example.AdderManaged", true, loader)
                .getField("DISPATCHER").get(null);
        Object impl = loader.loadClass("com.example.AdderImpl").getConstructor().newInstance();
        assertThat(dispatcher.invoke(impl, 0, new Object[] {1})).isEqualTo("int");
        assertThat(dispatcher.invoke(impl, 1, new Object[] {1L})).isEqualTo("long");
        assertThat(dispatcher.invoke(impl, 2, new Object[] {new String[] {"a", "b"}})).isEqualTo("strings 2");
    }

    @Test
    void anInterfaceWithoutMethodsStillGetsAWorkingClass() throws Throwable {
        Compilation compilation = compile(managedSource("Marker", "@Managed", "public interface Marker {}"));
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation);
        ManagedDispatcher dispatcher = (ManagedDispatcher) Class.forName("com.example.MarkerManaged", true, loader)
                .getField("DISPATCHER").get(null);
        Object proxy = dispatcher.proxy((method, name, arguments) -> null);
        assertThat(proxy).isInstanceOf(loader.loadClass("com.example.Marker"));
        assertThat(proxy.toString()).startsWith("Marker@");
    }

    @Test
    void anInterfaceInTheUnnamedPackageIsGeneratedThere() {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("Counter",
                "@io.multiprocessing4j.annotations.Managed",
                "public interface Counter { int add(int delta); }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFile("CounterManaged")).isPresent();
        assertThat(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/multiprocessing4j/managed/CounterManaged")).isPresent();
    }

    @Test
    void checkedExceptionsAndGenericVarargsAreAllowed() {
        JavaFileObject file = managedSource("Files",
                "@Managed",
                "public interface Files {",
                "    byte[] read(String path) throws java.io.IOException;",
                "    <X extends Exception> void run(String task) throws X;",
                "    @SuppressWarnings(\"unchecked\")",
                "    int count(List<String>... lists);",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generatedSource(compilation, "com.example.FilesManaged"))
                .contains("public byte[] read(String path) {"); // the proxy throws no checked exception
    }
}
