package io.multiprocessing4j.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The class path a child gets, for each way a launcher may load the application: the application
 * class loader, a {@code URLClassLoader} below it as {@code mvn exec:java} makes, several, one
 * that does not delegate to it, and the loaders and URLs a child cannot be given.
 */
class ChildClassPathTest {

    private static final ClassLoader SYSTEM = ClassLoader.getSystemClassLoader();
    private static final String JAVA_CLASS_PATH = String.join(File.pathSeparator, "/app/boot.jar", "/app/lib.jar");

    private static String path(String... entries) {
        return String.join(File.pathSeparator, entries);
    }

    private static URL url(String path) throws Exception {
        return Paths.get(path).toUri().toURL();
    }

    @Test
    void theApplicationClassLoaderGivesJavaClassPathUnchanged() throws Exception {
        assertEquals(JAVA_CLASS_PATH, ChildClassPath.of(SYSTEM, SYSTEM, JAVA_CLASS_PATH));
        assertEquals("", ChildClassPath.of(SYSTEM, SYSTEM, ""));
    }

    @Test
    void aUrlClassLoaderBelowTheApplicationLoaderAddsItsEntriesAfterJavaClassPath() throws Exception {
        // mvn exec:java: java.class.path is Maven's boot jar; the application is in a URLClassLoader
        try (URLClassLoader exec = new URLClassLoader(new URL[] {url("/project/target/classes"), url("/repo/runtime.jar")},
                SYSTEM)) {
            assertEquals(path("/app/boot.jar", "/app/lib.jar", "/project/target/classes", "/repo/runtime.jar"),
                    ChildClassPath.of(exec, SYSTEM, JAVA_CLASS_PATH));
        }
    }

    @Test
    void nestedLoadersContributeInTheOrderTheyDelegateWithoutRepeats() throws Exception {
        try (URLClassLoader outer = new URLClassLoader(new URL[] {url("/a.jar"), url("/app/lib.jar")}, SYSTEM);
                URLClassLoader inner = new URLClassLoader(new URL[] {url("/b.jar"), url("/a.jar")}, outer)) {
            assertEquals(path("/app/boot.jar", "/app/lib.jar", "/a.jar", "/b.jar"),
                    ChildClassPath.of(inner, SYSTEM, JAVA_CLASS_PATH));
        }
    }

    @Test
    void aLoaderThatDoesNotDelegateToTheApplicationLoaderGivesOnlyItsOwnEntries() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {url("/only.jar")},
                ClassLoader.getPlatformClassLoader())) {
            assertEquals("/only.jar", ChildClassPath.of(isolated, SYSTEM, JAVA_CLASS_PATH));
        }
    }

    @Test
    void fileNamesAreDecodedFromTheirUrls() throws Exception {
        Path odd = Paths.get("/tmp/dir with space/100%/ü.jar");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {odd.toUri().toURL()}, SYSTEM)) {
            String classPath = ChildClassPath.of(loader, SYSTEM, "");
            assertEquals(odd.toString(), classPath);
        }
    }

    @Test
    void aLoaderThatIsNotAUrlClassLoaderIsRefusedWithWhatToDo() throws Exception {
        ClassLoader custom = new ClassLoader("plugins", SYSTEM) { };
        ChildClassPath.UnusableException refused = assertThrows(ChildClassPath.UnusableException.class,
                () -> ChildClassPath.of(custom, SYSTEM, JAVA_CLASS_PATH));
        assertTrue(refused.getMessage().contains("'plugins'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("not a URLClassLoader"), refused.getMessage());
        assertTrue(refused.getMessage().contains("java -cp"), refused.getMessage());
    }

    @Test
    void aUrlThatIsNotALocalFileIsRefusedWithWhatToDo() throws Exception {
        URL nested = new URL("jar:file:/app/fat.jar!/BOOT-INF/lib/runtime.jar!/");
        try (URLClassLoader fat = new URLClassLoader(new URL[] {url("/ok.jar"), nested}, SYSTEM)) {
            ChildClassPath.UnusableException refused = assertThrows(ChildClassPath.UnusableException.class,
                    () -> ChildClassPath.of(fat, SYSTEM, JAVA_CLASS_PATH));
            assertTrue(refused.getMessage().contains(nested.toString()), refused.getMessage());
            assertTrue(refused.getMessage().contains("only local jars and directories"), refused.getMessage());
        }
    }

    @Test
    void thisJvmsOwnClassPathIsJavaClassPath() throws Exception {
        // the test runs from the application class loader, as most launches do
        assertEquals(System.getProperty("java.class.path"), ChildClassPath.current());
    }
}
