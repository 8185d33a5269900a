package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code @Managed}: what may carry it, what its methods' types may be, and what its
 * implementations must allow. Each refusal is one error, on the element it is about, that states
 * the rule and the fix; nothing is generated for a refused interface.
 */
class ManagedRulesTest {

    /** A source {@code com/example/<name>.java} that imports {@code @Managed}. */
    private static JavaFileObject managedSource(String name, String... lines) {
        List<String> body = new ArrayList<>();
        body.add("import io.multiprocessing4j.annotations.Managed;");
        body.addAll(List.of(lines));
        return source(name, body.toArray(String[]::new));
    }

    /** Compiles and expects exactly one error, containing {@code message}, on the line containing {@code line}. */
    private static Compilation assertOneError(JavaFileObject file, String line, String message) {
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
        assertThat(compilation).hadErrorCount(1);
        return compilation;
    }

    @Test
    void classIsRefusedOnTheAnnotationAndNothingIsGenerated() {
        JavaFileObject file = managedSource("Counter",
                "@Managed",
                "public class Counter { public int get() { return 0; } }");
        RecordingProcessor recording = new RecordingProcessor(new Multiprocessing4jProcessor());
        Compilation compilation = Compiler.javac().withProcessors(recording).compile(file);
        assertThat(compilation).hadErrorContaining("@Managed class Counter must be an interface: @Managed marks the"
                + " interface through which a Manager's clients call an object its server holds; declare the methods"
                + " in a public interface annotated @Managed and implement it in a class")
                .inFile(file).onLineContaining("@Managed");
        assertThat(compilation).hadErrorCount(1);
        assertThat(recording.createdFiles).isEmpty();
    }

    @Test
    void enumRecordAndAnnotationTypeAreRefusedEachNamingWhatItIs() {
        JavaFileObject file = managedSource("Kinds",
                "public class Kinds {",
                "    @Managed public enum Mode { ON }",
                "    @Managed public record Point(int x) {}",
                "    @Managed public @interface Tag {}",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("@Managed enum Kinds.Mode must be an interface")
                .inFile(file).onLineContaining("enum Mode");
        assertThat(compilation).hadErrorContaining("@Managed record Kinds.Point must be an interface")
                .inFile(file).onLineContaining("record Point");
        assertThat(compilation).hadErrorContaining("@Managed annotation type Kinds.Tag must be an interface")
                .inFile(file).onLineContaining("@interface Tag");
        assertThat(compilation).hadErrorCount(3);
    }

    @Test
    void sealedInterfaceIsRefused() {
        assertOneError(managedSource("Shape",
                        "@Managed",
                        "public sealed interface Shape permits Shape.Circle {",
                        "    double area();",
                        "    final class Circle implements Shape { public double area() { return 1; } }",
                        "}"),
                "@Managed",
                "@Managed interface Shape must not be sealed: the generated proxy class implements it;"
                        + " remove sealed and its permits clause");
    }

    @Test
    void packagePrivateInterfaceIsRefused() {
        assertOneError(managedSource("Counter",
                        "@Managed",
                        "interface Counter { int get(); }"),
                "@Managed",
                "@Managed interface Counter must be public: a Manager's server and the generated CounterManaged"
                        + " use it from other packages; make Counter public");
    }

    @Test
    void interfaceNestedInANonPublicClassIsRefusedNamingTheClass() {
        assertOneError(managedSource("Outer",
                        "class Outer {",
                        "    @Managed",
                        "    public interface Counter { int get(); }",
                        "}"),
                "@Managed",
                "@Managed interface Outer.Counter must be public all the way out, but it is nested in Outer,"
                        + " which is not public: a Manager's server and the generated Outer_CounterManaged use it"
                        + " from other packages; make Outer public");
    }

    @Test
    void interfaceNestedInAnInterfaceIsPublicImplicitly() {
        JavaFileObject file = managedSource("Api",
                "public interface Api {",
                "    @Managed",
                "    interface Counter { int get(); }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFile("com.example.Api_CounterManaged")).isPresent();
    }

    @Test
    void parameterThatCannotTravelIsRefusedOnTheParameter() {
        assertOneError(managedSource("Counter",
                        "@Managed",
                        "public interface Counter {",
                        "    void watch(",
                        "            Thread owner);",
                        "}"),
                "Thread owner",
                "parameter owner of @Managed method Counter.watch has type Thread, which cannot travel between a"
                        + " Manager's server and its clients: Thread is a thread, stream or other resource bound to"
                        + " this process: pass what is needed to open it (a path, a URL, a host and port) and open"
                        + " it inside the task");
    }

    @Test
    void resultThatCannotTravelIsRefusedOnTheMethod() {
        assertOneError(managedSource("Counter",
                        "@Managed",
                        "public interface Counter {",
                        "    java.util.stream.Stream<String> history();",
                        "}"),
                "history()",
                "the result of @Managed method Counter.history has type Stream<String>, which cannot travel between"
                        + " a Manager's server and its clients: Stream<String> is consumed lazily in this process:"
                        + " collect it into a List or a Set before the call");
    }

    @Test
    void inheritedMethodThatCannotTravelIsRefusedOnTheInterfaceNamingWhereItComesFrom() {
        assertOneError(managedSource("Counter",
                        "interface Base<E> { void put(E value); }",
                        "@Managed",
                        "public interface Counter extends Base<Runnable> {",
                        "    int get();",
                        "}"),
                "public interface Counter",
                "parameter value of method Base.put, which @Managed interface Counter inherits, has type Runnable,"
                        + " which cannot travel between a Manager's server and its clients: Runnable is a function"
                        + " type, and a lambda cannot cross a process boundary");
    }

    @Test
    void unboundedTypeParameterIsRefusedOnceOnTheTypeParameter() {
        assertOneError(managedSource("Box",
                        "@Managed",
                        "public interface Box<",
                        "        T> {",
                        "    T get();",
                        "    void set(T value);",
                        "    java.util.List<T> all();",
                        "}"),
                "T> {",
                "type parameter T of @Managed interface Box cannot travel between a Manager's server and its clients:"
                        + " T is a type variable without a bound, so it could be anything: bound it by a single"
                        + " carriable type, e.g. <T extends java.io.Serializable>");
    }

    @Test
    void methodNamedManagedCallsIsRefused() {
        assertOneError(managedSource("Counter",
                        "@Managed",
                        "public interface Counter {",
                        "    int managedCalls();",
                        "    int managedCalls(int times);",
                        "}"),
                "int managedCalls();",
                "@Managed method Counter.managedCalls takes the name managedCalls(), which the generated proxy uses"
                        + " to reach its server: rename the method");
    }

    @Test
    void nonPublicImplementationIsRefusedOnTheClass() {
        assertOneError(managedSource("Counter",
                        "@Managed",
                        "public interface Counter { int get(); }",
                        "class CounterImpl implements Counter { public int get() { return 0; } }"),
                "class CounterImpl",
                "class CounterImpl implements @Managed interface Counter, so a Manager's server creates it with new"
                        + " CounterImpl() from another package: it must be public; make CounterImpl public");
    }

    @Test
    void implementationNestedInANonPublicClassWithoutANoArgumentConstructorGetsBothErrors() {
        JavaFileObject file = managedSource("Counter",
                "@Managed",
                "public interface Counter { int get(); }",
                "final class Impls {",
                "    public static class Start implements Counter {",
                "        private final int start;",
                "        public Start(int start) { this.start = start; }",
                "        public int get() { return start; }",
                "    }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("class Impls.Start implements @Managed interface Counter, so a"
                + " Manager's server creates it with new Impls.Start() from another package: it must be public all"
                + " the way out, but it is nested in Impls, which is not public; make Impls public")
                .inFile(file).onLineContaining("class Start");
        assertThat(compilation).hadErrorContaining("which needs a public constructor without parameters")
                .inFile(file).onLineContaining("class Start");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void publicImplementationWithoutANoArgumentConstructorIsRefusedNamingTheFix() {
        JavaFileObject counter = managedSource("Counter", "@Managed", "public interface Counter { int get(); }");
        JavaFileObject counters = source("Counters",
                "public final class Counters {",
                "    public static class Start implements Counter {",
                "        private final int start;",
                "        public Start(int start) { this.start = start; }",
                "        public int get() { return start; }",
                "    }",
                "}");
        Compilation compilation = compile(counter, counters);
        assertThat(compilation).hadErrorContaining("class Counters.Start implements @Managed interface Counter, so a"
                + " Manager's server creates it with new Counters.Start() from another package, which needs a public"
                + " constructor without parameters: add public Start() {}, and pass what the object needs through"
                + " Counter's methods once it is created").inFile(counters).onLineContaining("class Start");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void implementationWithAPrivateNoArgumentConstructorIsRefusedOnTheConstructor() {
        JavaFileObject counter = managedSource("Counter", "@Managed", "public interface Counter { int get(); }");
        JavaFileObject impl = source("CounterImpl",
                "public class CounterImpl implements Counter {",
                "    private CounterImpl() {}",
                "    public int get() { return 0; }",
                "}");
        Compilation compilation = compile(counter, impl);
        assertThat(compilation).hadErrorContaining("class CounterImpl implements @Managed interface Counter, so a"
                + " Manager's server creates it with new CounterImpl() from another package: its constructor"
                + " without parameters must be public; make it public").inFile(impl).onLineContaining("private CounterImpl()");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void innerImplementationIsRefused() {
        JavaFileObject counter = managedSource("Counter", "@Managed", "public interface Counter { int get(); }");
        JavaFileObject impl = source("Impls",
                "public class Impls {",
                "    public class Inner implements Counter { public int get() { return 0; } }",
                "}");
        Compilation compilation = compile(counter, impl);
        assertThat(compilation).hadErrorContaining("class Impls.Inner implements @Managed interface Counter, so a"
                + " Manager's server creates it with new Impls.Inner() from another package: an inner class needs an"
                + " instance of Impls to be created; make Impls.Inner static").inFile(impl).onLineContaining("class Inner");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void enumImplementationIsRefused() {
        JavaFileObject counter = managedSource("Counter", "@Managed", "public interface Counter { int get(); }");
        JavaFileObject impl = source("Fixed",
                "public enum Fixed implements Counter {",
                "    ZERO;",
                "    public int get() { return 0; }",
                "}");
        Compilation compilation = compile(counter, impl);
        assertThat(compilation).hadErrorContaining("enum Fixed implements @Managed interface Counter, so a Manager's"
                + " server creates it with new Fixed() from another package, which an enum does not allow: implement"
                + " Counter in a public class with a public no-argument constructor")
                .inFile(impl).onLineContaining("enum Fixed");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void implementationThroughASuperclassOrASubinterfaceIsChecked() {
        JavaFileObject counter = managedSource("Counter", "@Managed", "public interface Counter { int get(); }");
        JavaFileObject impl = source("Impls",
                "public class Impls {",
                "    public interface Resettable extends Counter { void reset(); }",
                "    public abstract static class Base implements Resettable {",
                "        public int get() { return 0; }",
                "    }",
                "    public static class Needs extends Base {",
                "        public Needs(int start) {}",
                "        public void reset() {}",
                "    }",
                "}");
        Compilation compilation = compile(counter, impl);
        // Base is abstract and never created; Resettable is an interface; Needs is refused.
        assertThat(compilation).hadErrorContaining("class Impls.Needs implements @Managed interface Counter")
                .inFile(impl).onLineContaining("class Needs");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void goodImplementationsPass() {
        JavaFileObject counter = managedSource("Counter", "@Managed", "public interface Counter { int get(); }");
        JavaFileObject impls = source("Impls",
                "public class Impls {",
                "    public static class Implicit implements Counter { public int get() { return 0; } }",
                "    public static class Explicit implements Counter {",
                "        public Explicit() {}",
                "        public Explicit(int start) {}",
                "        public int get() { return 1; }",
                "    }",
                "    public record Empty() implements Counter { public int get() { return 2; } }",
                "}");
        assertThat(compile(counter, impls)).succeededWithoutWarnings();
    }

    @Test
    void localInterfaceIsRefusedRatherThanIgnored() {
        assertOneError(managedSource("Jobs",
                        "public class Jobs {",
                        "    static void run() {",
                        "        @Managed",
                        "        interface Counter { int get(); }",
                        "    }",
                        "}"),
                "@Managed",
                "@Managed Counter is declared in a method, where neither its generated CounterManaged nor a Manager's"
                        + " server can reach it: make it a public top-level interface or a public member of a public"
                        + " class");
    }
}
