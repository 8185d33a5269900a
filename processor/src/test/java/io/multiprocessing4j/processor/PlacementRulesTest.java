package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Rules 1 and 2: an annotated method is static, not private, and reachable through its enclosing
 * classes. These errors are about where the annotation may be, so they point at the annotation.
 */
class PlacementRulesTest {

    @Test
    void instanceMethodIsRefused() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @PoolTask",
                "    int square(int x) { return x * x; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("@PoolTask method Jobs.square must be static: make it static;"
                + " the child JVM has no instance to call it on").inFile(file).onLine(12);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateMethodIsRefused() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @Worker private static void run(int x) {}",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("@Worker method Jobs.run must not be private:"
                + " make it package-private or public so the generated class can call it")
                .inFile(file).onLineContaining("private static void run");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateInstanceMethodWithBothAnnotationsGetsBothErrorsOnce() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @Worker @PoolTask private int run(int x) { return x; }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("@Worker @PoolTask method Jobs.run must be static")
                .inFile(file).onLineContaining("private int run");
        assertThat(compilation).hadErrorContaining("@Worker @PoolTask method Jobs.run must not be private")
                .inFile(file).onLineContaining("private int run");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void methodInPrivateNestedClassIsRefusedNamingTheClass() {
        JavaFileObject file = source("Jobs",
                "public class Jobs {",
                "    static class Outer {",
                "        private static class Hidden {",
                "            @PoolTask static int square(int x) { return x * x; }",
                "        }",
                "    }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("@PoolTask method Jobs.Outer.Hidden.square is declared in"
                + " private class Jobs.Outer.Hidden, which the generated class cannot reach:"
                + " make Hidden package-private or public").inFile(file).onLineContaining("static int square");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void methodInClassNestedInPrivateClassIsRefused() {
        JavaFileObject file = source("Jobs",
                "public class Jobs {",
                "    private static class Hidden {",
                "        static class Inner {",
                "            @PoolTask static int square(int x) { return x * x; }",
                "        }",
                "    }",
                "}");
        assertThat(compile(file)).hadErrorContaining("is declared in private class Jobs.Hidden")
                .inFile(file).onLineContaining("static int square");
    }

    @Test
    void methodInLocalClassIsRefused() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    static void start() {",
                "        class Local {",
                "            @Worker",
                "            static void run(int x) {}",
                "        }",
                "    }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("@Worker method Local.run is declared in local class Local,"
                + " which no class outside its method can reach: move it to a top-level class or a static"
                + " nested class").inFile(file).onLine(14);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void methodInAnonymousClassIsRefused() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    static final Object HANDLER = new Object() {",
                "        @PoolTask static int square(int x) { return x * x; }",
                "    };",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("@PoolTask method square is declared in an anonymous class,"
                + " which no other class can reach: move it to a top-level class or a static nested class")
                .inFile(file).onLineContaining("static int square");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void parameterOfPrivateTypeIsRefusedOnTheParameter() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    private record Secret(int value) {}",
                "    @PoolTask static int reveal(",
                "            Secret secret) { return secret.value(); }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("parameter secret of @PoolTask method Jobs.reveal has type"
                + " Jobs.Secret, which the generated class cannot name: Jobs.Secret is private:"
                + " make it package-private or public").inFile(file).onLineContaining("Secret secret");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void resultOfPrivateTypeIsRefusedForPoolTasksOnly() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    private record Secret(int value) {}",
                "    @PoolTask static Secret make(int value) { return new Secret(value); }",
                "    @Worker static Secret work(int value) { return new Secret(value); }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).hadErrorContaining("the result of @PoolTask method Jobs.make has type Jobs.Secret,"
                + " which the generated Task<...> factory cannot name: Jobs.Secret is private")
                .inFile(file).onLineContaining("static Secret make");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void validMethodsOfAClassWithAnInvalidOneAreStillGenerated() {
        JavaFileObject file = source("Jobs",
                "class Jobs {",
                "    @PoolTask int broken(int x) { return x; }",
                "    @PoolTask static int square(int x) { return x * x; }",
                "}");
        RecordingProcessor recording = new RecordingProcessor(new Multiprocessing4jProcessor());
        Compilation compilation = Compiler.javac().withProcessors(recording).compile(file);
        assertThat(compilation).hadErrorCount(1);
        // Fewer follow-on errors in user code: JobsTasks.square exists although Jobs.broken is refused.
        assertThat(recording.createdFiles.keySet()).containsExactly("com.example.JobsDispatcher",
                "com.example.JobsTasks", "META-INF/multiprocessing4j/dispatchers/com.example.JobsDispatcher");
    }
}
