package io.multiprocessing4j.internal.launch;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path a child JVM gets: the one this JVM loaded multiprocessing4j, and with it the
 * application's classes, from.
 *
 * <p>When the runtime comes from the application class loader ({@code java -cp}, {@code java
 * -jar}, most IDE runs and test launchers), that is {@code java.class.path}, unchanged. Some
 * launchers load the application into a {@link URLClassLoader} of their own instead, and leave
 * {@code java.class.path} pointing at themselves: {@code mvn exec:java} (where it names Maven's
 * {@code plexus-classworlds} jar), some IDE and test runners. Then the class path is rebuilt from
 * the loader chain, in the order the loaders delegate: {@code java.class.path} for the application
 * class loader at the top, then the {@code file:} URLs of each {@code URLClassLoader} below it,
 * down to the runtime's own loader.
 *
 * <p>Where a child cannot be given the same classes, {@link #of} says so, and what to do, before
 * any JVM is started: a loader that is not a {@code URLClassLoader} (an OSGi bundle, a custom
 * loader), a URL that is not a local file or directory (a Spring Boot fat jar's nested jars), or
 * a runtime on the module path.
 */
final class ChildClassPath {

    private ChildClassPath() {}

    /** Says why this JVM's classes cannot be given to a child, and what to do instead. */
    static final class UnusableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableException(String message) {
            super(message);
        }
    }

    /** The class path for children of this JVM. */
    static String current() throws UnusableException {
        Module runtime = ChildClassPath.class.getModule();
        if (runtime.isNamed()) {
            throw new UnusableException("multiprocessing4j runs from the module path (module " + runtime.getName()
                    + "), and its child JVMs are started with a class path only: put multiprocessing4j and the"
                    + " application on the class path (java -cp ...)");
        }
        return of(ChildClassPath.class.getClassLoader(), ClassLoader.getSystemClassLoader(),
                System.getProperty("java.class.path", ""));
    }

    /**
     * The class path that holds what {@code loader} can load, in {@code java -cp} form.
     *
     * @param loader the loader of the runtime's classes
     * @param system the application class loader, whose class path is {@code javaClassPath}
     * @throws UnusableException if a loader of the chain does not say where its classes come from
     */
    static String of(ClassLoader loader, ClassLoader system, String javaClassPath) throws UnusableException {
        if (loader == system) {
            return javaClassPath;
        }
        Deque<ClassLoader> chain = new ArrayDeque<>();
        boolean reachesSystem = false;
        for (ClassLoader at = loader; at != null && at != ClassLoader.getPlatformClassLoader(); at = at.getParent()) {
            if (at == system) {
                reachesSystem = true;
                break;
            }
            chain.push(at);
        }
        Set<String> entries = new LinkedHashSet<>();
        if (reachesSystem) {
            for (String entry : javaClassPath.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        for (ClassLoader at : chain) {
            entries.addAll(entriesOf(at));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> entriesOf(ClassLoader loader) throws UnusableException {
        if (!(loader instanceof URLClassLoader)) {
            throw new UnusableException("the application's classes come from " + describe(loader)
                    + ", which is not a URLClassLoader, so a new JVM cannot be given the same class path;"
                    + " start the application with its classes on the class path (java -cp ..., java -jar ...,"
                    + " or mvn exec:exec instead of exec:java)");
        }
        List<String> entries = new ArrayList<>();
        for (URL url : ((URLClassLoader) loader).getURLs()) {
            if (!"file".equals(url.getProtocol())) {
                throw new UnusableException("the application's classes come from " + url + " (loaded by "
                        + describe(loader) + "), which a new JVM cannot put on its class path: only local jars and"
                        + " directories can be; start the application with its classes unpacked on the class path"
                        + " (java -cp ...)");
            }
            try {
                entries.add(Paths.get(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new UnusableException("the class path entry " + url + " of " + describe(loader)
                        + " is not a usable file name: " + e.getMessage());
            }
        }
        return entries;
    }

    private static String describe(ClassLoader loader) {
        String name = loader.getName();
        return "the class loader " + loader.getClass().getName() + (name == null ? "" : " '" + name + "'");
    }
}
