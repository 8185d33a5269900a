package io.multiprocessing4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor never crashes javac: failures, its own or the file system's, become errors on the class. */
class RobustnessTest {

    @Test
    void unexpectedExceptionBecomesAnErrorOnTheClass() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @PoolTask static int square(int x) { return x * x; }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new RecordingProcessor(new Multiprocessing4jProcessor(),
                        new IllegalStateException("disk on fire")))
                .compile(file);
        assertThat(compilation).hadErrorContaining("multiprocessing4j failed on this class, which is a bug in"
                + " multiprocessing4j; please report it with this trace: java.lang.IllegalStateException: disk on fire")
                .inFile(file).onLineContaining("class Jobs");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void twoClassesThatWouldGenerateTheSameClassAreReported() {
        JavaFileObject file = source("Outer",
                "class Outer {",
                "    static class Inner { @PoolTask static int f(int x) { return x; } }",
                "}",
                "class Outer_Inner {",
                "    @PoolTask static int g(int x) { return x; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("multiprocessing4j cannot generate com.example.Outer_InnerTasks"
                + " for this class: Attempt to recreate a file for type com.example.Outer_InnerTasks; a class of that"
                + " name probably exists already: rename one of the two classes").inFile(file);
    }

    @Test
    void sharedObjectsOfTheRuntimeAreCarriedAsHandles() {
        // Stand-ins until the runtime has them: the processor knows them by name, and carries them
        // although they are not Serializable.
        JavaFileObject sharedLock = JavaFileObjects.forSourceLines(
                "io.multiprocessing4j.SharedLock", "package io.multiprocessing4j;", "public final class SharedLock {}");
        JavaFileObject sharedQueue = JavaFileObjects.forSourceLines(
                "io.multiprocessing4j.SharedQueue", "package io.multiprocessing4j;",
                "public final class SharedQueue<T> {}");
        JavaFileObject good = source("Good",
                "import io.multiprocessing4j.SharedLock;",
                "import io.multiprocessing4j.SharedQueue;",
                "class Good { @Worker static void run(SharedLock lock, SharedQueue<String> queue) {} }");
        assertThat(compile(sharedLock, sharedQueue, good)).succeededWithoutWarnings();

        JavaFileObject bad = source("Bad",
                "import io.multiprocessing4j.SharedQueue;",
                "class Bad { @Worker static void run(SharedQueue<Thread> queue) {} }");
        assertThat(compile(sharedQueue, bad)).hadErrorContaining("parameter queue of @Worker method Bad.run has type"
                + " SharedQueue<Thread>, which cannot be sent to a child JVM: it contains Thread, which is a thread")
                .inFile(bad).onLineContaining("SharedQueue<Thread> queue");
    }

    @Test
    void unexpectedExceptionWhileGeneratingAManagedClassBecomesAnErrorOnTheInterface() {
        JavaFileObject file = source("Counter",
                "@io.multiprocessing4j.annotations.Managed",
                "public interface Counter { int add(int delta); }");
        Compilation compilation = Compiler.javac()
                .withProcessors(new RecordingProcessor(new Multiprocessing4jProcessor(),
                        new IllegalStateException("disk on fire")))
                .compile(file);
        assertThat(compilation).hadErrorContaining("multiprocessing4j failed on this class, which is a bug in"
                + " multiprocessing4j; please report it with this trace: java.lang.IllegalStateException: disk on fire")
                .inFile(file).onLineContaining("public interface Counter");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aManagedClassWhoseNameIsTakenIsReported() {
        JavaFileObject file = source("Outer",
                "public class Outer {",
                "    @io.multiprocessing4j.annotations.Managed public interface Counter { int add(int delta); }",
                "}",
                "class Outer_CounterManaged {}");
        assertThat(compile(file)).hadErrorContaining("multiprocessing4j cannot generate"
                + " com.example.Outer_CounterManaged for this interface: Attempt to recreate a file for type"
                + " com.example.Outer_CounterManaged; a class of that name probably exists already: rename one of"
                + " the two").inFile(file);
    }
}
