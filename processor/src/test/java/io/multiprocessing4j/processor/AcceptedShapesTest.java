package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.generatedSource;
import static io.multiprocessing4j.processor.Compilations.indexEntry;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Shapes the processor accepts: each compiles, with the generated code and a caller of it,
 * under {@code -Xlint:all -Werror} without a single warning.
 */
class AcceptedShapesTest {

    private static Compilation compileCleanly(JavaFileObject... sources) {
        Compilation compilation = compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    private static JavaFileObject caller(String... statements) {
        String[] lines = new String[statements.length + 3];
        lines[0] = "class Caller {";
        lines[1] = "    static void call() throws Exception {";
        System.arraycopy(statements, 0, lines, 2, statements.length);
        lines[lines.length - 1] = "    } }";
        String[] withImports = new String[lines.length + 2];
        withImports[0] = "import io.multiprocessing4j.ChildProcess;";
        withImports[1] = "import io.multiprocessing4j.Task;";
        System.arraycopy(lines, 0, withImports, 2, lines.length);
        return source("Caller", withImports);
    }

    @Test
    void genericOwnerClass() {
        compileCleanly(
                source("Box", "class Box<T> {",
                        "    T content;",
                        "    @PoolTask static int twice(int x) { return 2 * x; }",
                        "    @Worker static void print(String text) {}",
                        "}"),
                caller("Task<Integer> task = BoxTasks.twice(3);", "ChildProcess process = BoxWorkers.print(\"x\");"));
    }

    @Test
    void factoriesKeepPublicAndMakeEverythingElsePackagePrivate() {
        Compilation compilation = compileCleanly(source("Jobs", "public class Jobs {",
                "    @PoolTask public static int open(int x) { return x; }",
                "    @PoolTask protected static int shielded(int x) { return x; }",
                "    @PoolTask static int local(int x) { return x; }",
                "}"));
        String tasks = generatedSource(compilation, "com.example.JobsTasks");
        assertThat(tasks).contains("\npublic final class JobsTasks {");
        assertThat(tasks).contains("\n  public static Task<Integer> open(int x) {");
        assertThat(tasks).contains("\n  static Task<Integer> shielded(int x) {");
        assertThat(tasks).contains("\n  static Task<Integer> local(int x) {");
    }

    @Test
    void packagePrivateOwnerGetsPackagePrivateFactoriesButAPublicDispatcher() {
        Compilation compilation = compileCleanly(source("Jobs", "class Jobs {",
                "    public static class Nested {",
                "        @Worker public static void run(int x) {}",
                "    }",
                "}"));
        assertThat(generatedSource(compilation, "com.example.Jobs_NestedWorkers"))
                .contains("\nfinal class Jobs_NestedWorkers {");
        assertThat(generatedSource(compilation, "com.example.Jobs_NestedWorkers"))
                .contains("\n  public static ChildProcess run(int x) {");
        assertThat(generatedSource(compilation, "com.example.Jobs_NestedDispatcher"))
                .contains("\npublic final class Jobs_NestedDispatcher implements Dispatcher {");
    }

    @Test
    void onlyTheFactoryClassesThatHaveMethodsAreGenerated() {
        Compilation compilation = compileCleanly(
                source("OnlyWorkers", "class OnlyWorkers { @Worker static void run() {} }"),
                source("OnlyTasks", "class OnlyTasks { @PoolTask static void run() {} }"));
        assertThat(compilation.generatedSourceFiles().stream().map(file -> file.getName()).sorted().toList())
                .containsExactly("/SOURCE_OUTPUT/com/example/OnlyTasksDispatcher.java",
                        "/SOURCE_OUTPUT/com/example/OnlyTasksTasks.java",
                        "/SOURCE_OUTPUT/com/example/OnlyWorkersDispatcher.java",
                        "/SOURCE_OUTPUT/com/example/OnlyWorkersWorkers.java");
    }

    @Test
    void interfaceEnumRecordAndInnerClassOwners() {
        compileCleanly(
                source("Owners", "interface Owners {",
                        "    @PoolTask static int fromInterface(int x) { return x; }",
                        "    enum Mode { ON; @PoolTask static int fromEnum(int x) { return x; } }",
                        "    record Point(int x) { @PoolTask static int fromRecord(int x) { return x; } }",
                        "    class Outer {",
                        "        class Inner { @Worker static void fromInner(int x) {} }",
                        "    }",
                        "}"),
                caller("Task<Integer> a = OwnersTasks.fromInterface(1);",
                        "Task<Integer> b = Owners_ModeTasks.fromEnum(1);",
                        "Task<Integer> c = Owners_PointTasks.fromRecord(1);",
                        "ChildProcess d = Owners_Outer_InnerWorkers.fromInner(1);"));
    }

    @Test
    void parameterNamesThatClashWithGeneratedCode() {
        String parameters = "int task, int process, int arguments, int method, String name, String Task, String io,"
                + " String com, String Object, String ChildProcess, String Generated, String Dispatcher, String Jobs";
        Compilation compilation = compileCleanly(
                source("Jobs", "class Jobs {",
                        "    @Worker @PoolTask static int clash(" + parameters + ") { return task; }",
                        "}"),
                caller("Task<Integer> t = JobsTasks.clash(1, 2, 3, 4, \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\","
                                + " \"h\", \"i\");",
                        "ChildProcess p = JobsWorkers.clash(1, 2, 3, 4, \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\","
                                + " \"h\", \"i\");"));
        assertThat(generatedSource(compilation, "com.example.JobsTasks")).contains("return task(0, \"Jobs.clash\"");
    }

    @Test
    void helperIsRenamedWhenAFactoryTakesItsName() {
        Compilation compilation = compileCleanly(source("Jobs", "class Jobs {",
                "    @PoolTask static int task(int method, String name, String[] arguments) { return method; }",
                "    @PoolTask static int newTask(int x) { return x; }",
                "    @Worker static void process(int method, String name, String... arguments) {}",
                "}"));
        String tasks = generatedSource(compilation, "com.example.JobsTasks");
        assertThat(tasks).contains("return newTask2(0, \"Jobs.task\", new Object[] {method, name, arguments});");
        assertThat(tasks).contains("private static <R> Task<R> newTask2(int method, String name, Object[] arguments)");
        assertThat(generatedSource(compilation, "com.example.JobsWorkers"))
                .contains("private static ChildProcess newProcess(int method, String name, Object[] arguments)");
    }

    @Test
    void typeVariablesAndOwnersNamedLikeGeneratedCodeTypes() {
        Compilation compilation = compileCleanly(
                source("Task", "public class Task {",
                        "    @PoolTask static <Task extends Serializable> Task echo(Task Task) { return Task; }",
                        "    @PoolTask static <Object extends Serializable> Object same(Object Object) { return Object; }",
                        "    @Worker static void run(int x) {}",
                        "}"),
                source("Dispatcher", "public class Dispatcher {",
                        "    @Worker public static void Dispatcher(int Dispatcher) {}",
                        "}"));
        assertThat(generatedSource(compilation, "com.example.TaskTasks")).contains(
                "static <Object extends Serializable> io.multiprocessing4j.Task<Object> same(Object Object) {\n"
                        + "    return task(1, \"Task.same\", new java.lang.Object[] {Object});");
    }

    @Test
    void ownerNamedLikeADispatcherParameter() {
        Compilation compilation = compileCleanly(source("arguments", "class arguments {",
                "    @PoolTask static int twice(int method) { return 2 * method; }",
                "}"));
        assertThat(generatedSource(compilation, "com.example.argumentsDispatcher"))
                .contains("return arguments.twice((int) values[0]);");
    }

    @Test
    void ownerInTheUnnamedPackage() {
        Compilation compilation = compileCleanly(JavaFileObjects.forSourceLines("Unnamed",
                "import io.multiprocessing4j.annotations.PoolTask;",
                "public class Unnamed { @PoolTask public static int f(int x) { return x; } }"));
        assertThat(indexEntry(compilation, "UnnamedDispatcher")).isEqualTo("0 f(int)\n");
    }

    @Test
    void carriableTypes() {
        compileCleanly(source("Jobs", "class Jobs {",
                "    enum Color { RED }",
                "    record Pair<A, B>(A first, B second) {}",
                "    record Node(int value, List<Node> children) {}",
                "    interface Message extends Serializable {}",
                "    static class Payload implements Serializable { private static final long serialVersionUID = 1L; }",
                "    @PoolTask static void all(boolean a, byte b, short c, char d, int e, long f, float g, double h,",
                "            Boolean i, Byte j, Short k, Character l, Integer m, Long n, Float o, Double p, String q,",
                "            Color r, Pair<String, Integer> s, Node t, Message u, Payload v, Number w,",
                "            java.math.BigDecimal x, java.time.LocalDate y, java.util.UUID z) {}",
                "    @PoolTask static int[][] containers(int[][] a, Map<String, List<Integer>> b, Set<Color> c,",
                "            List<? extends Number> d, java.util.ArrayList<String> e, java.util.TreeMap<String, Long> f,",
                "            List<Pair<Node, Color>>[] g) { return a; }",
                "    @PoolTask static Void nothing() { return null; }",
                "}"));
    }

    @Test
    void dispatcherSuppressesUncheckedOnlyForUncheckedCasts() {
        Compilation compilation = compileCleanly(
                source("Checked", "class Checked {",
                        "    enum Color { RED }",
                        "    @PoolTask static int f(int[] a, String b, Color[] c, Integer d) { return 0; }",
                        "}"),
                source("Unchecked", "class Unchecked {",
                        "    @PoolTask static int f(Map<String, Integer> a) { return 0; }",
                        "}"));
        assertThat(generatedSource(compilation, "com.example.CheckedDispatcher")).doesNotContain("SuppressWarnings");
        assertThat(generatedSource(compilation, "com.example.UncheckedDispatcher"))
                .contains("  @SuppressWarnings(\"unchecked\")\n  public Object dispatch(");
    }

    @Test
    void throwsClauseIsNotCopiedToFactories() {
        compileCleanly(
                source("Files", "class Files {",
                        "    @PoolTask static int size(String path) throws java.io.IOException { return 0; }",
                        "}"),
                source("NoTry", "import io.multiprocessing4j.Task;",
                        "class NoTry { static Task<Integer> bind() { return FilesTasks.size(\"a\"); } }"));
    }

    @Test
    void genericMethods() {
        Compilation compilation = compileCleanly(
                source("Generic", "class Generic {",
                        "    @PoolTask public static <T extends Serializable> T echo(T value) { return value; }",
                        "    @PoolTask static <T extends Serializable> T make(int n) { return null; }",
                        "    @PoolTask static <N extends Number> List<N> wrap(List<N> values) { return values; }",
                        "    @Worker @SafeVarargs static <T extends Serializable> void each(T... values) {}",
                        "}"),
                caller("Task<String> echoed = GenericTasks.echo(\"x\");",
                        "Task<java.util.List<Integer>> wrapped = GenericTasks.wrap(java.util.List.of(1));",
                        "ChildProcess each = GenericWorkers.each(\"a\", \"b\");"));
        assertThat(generatedSource(compilation, "com.example.GenericTasks"))
                .contains("public static <T extends Serializable> Task<T> echo(T value) {");
        assertThat(generatedSource(compilation, "com.example.GenericDispatcher"))
                .contains("return Generic.wrap((List<Number>) arguments[0]);");
        assertThat(generatedSource(compilation, "com.example.GenericWorkers"))
                .contains("@SafeVarargs\n  @SuppressWarnings(\"varargs\")\n  static <T extends Serializable> ChildProcess"
                        + " each(T... values) {");
    }

    @Test
    void methodWithBothAnnotationsHasOneIndexAndTheDispatcherReturnsItsResult() {
        Compilation compilation = compileCleanly(source("Both", "class Both {",
                "    @Worker static void first() {}",
                "    @Worker @PoolTask static int both(int x) { return x; }",
                "}"));
        assertThat(generatedSource(compilation, "com.example.BothTasks")).contains("return task(1, \"Both.both\"");
        assertThat(generatedSource(compilation, "com.example.BothWorkers")).contains("return process(1, \"Both.both\"");
        assertThat(generatedSource(compilation, "com.example.BothDispatcher"))
                .contains("case 1:\n        return Both.both((int) arguments[0]);");
        assertThat(indexEntry(compilation, "com.example.BothDispatcher")).isEqualTo("0 first()\n1 both(int)\n");
    }
}
