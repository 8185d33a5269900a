package io.multiprocessing4j.tests;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs an application the way {@code mvn exec:java} (exec-maven-plugin 3.5.0) does, for
 * {@link ExecJavaTest}: this class alone is on {@code java.class.path}; the application's class
 * path goes into a {@link URLClassLoader} below the application class loader (or, with
 * {@code opaque}, into a loader that is not a {@code URLClassLoader}); {@code main} runs in a
 * thread group of its own with that loader as context loader. When it returns, the non-daemon
 * threads of the group are joined, then every thread still alive in it is interrupted and
 * joined, 15 s at most in all, and those still alive are reported as lingering. Prints
 * {@code main threw ...}, {@code cleanup-ms N}, {@code lingering [...]} and, after waiting up to
 * 10 s for them to go, {@code descendants [...]}: the processes the application left running.
 *
 * <p>It references no other class of the tests: the test copies it alone into a directory.
 */
public final class ExecJavaLauncher {

    private static final long JOIN_TIMEOUT_MILLIS = 15_000;

    private ExecJavaLauncher() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        URL[] urls = Arrays.stream(args[1].split(File.pathSeparator)).map(ExecJavaLauncher::url).toArray(URL[]::new);
        String mainClass = args[2];
        String[] appArgs = Arrays.copyOfRange(args, 3, args.length);
        ClassLoader loader = kind.equals("url") ? new URLClassLoader(urls, ClassLoader.getSystemClassLoader())
                : new OpaqueLoader(urls);
        ThreadGroup group = new ThreadGroup(mainClass);
        Throwable[] failure = new Throwable[1];
        Thread main = new Thread(group, () -> {
            try {
                Class.forName(mainClass, true, loader).getMethod("main", String[].class).invoke(null, (Object) appArgs);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (ReflectiveOperationException | RuntimeException e) {
                failure[0] = e;
            }
        }, mainClass + ".main()");
        main.setContextClassLoader(loader);
        main.start();
        main.join();
        if (failure[0] != null) {
            System.out.println("main threw " + failure[0]);
        }
        joinNonDaemonThreads(group);
        long start = System.nanoTime();
        List<Thread> lingering = terminateThreads(group);
        System.out.println("cleanup-ms " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        System.out.println("lingering " + lingering.stream().map(Thread::getName).collect(Collectors.toList()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("descendants " + ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.toList()));
        System.out.flush();
        System.exit(0);
    }

    private static URL url(String path) {
        try {
            return new File(path).toURI().toURL();
        } catch (IOException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    private static List<Thread> activeThreads(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 32];
        int count = group.enumerate(threads, true);
        List<Thread> alive = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (threads[i].isAlive()) {
                alive.add(threads[i]);
            }
        }
        return alive;
    }

    private static void joinNonDaemonThreads(ThreadGroup group) throws InterruptedException {
        boolean found = true;
        while (found) {
            found = false;
            for (Thread thread : activeThreads(group)) {
                if (!thread.isDaemon()) {
                    found = true;
                    thread.join();
                }
            }
        }
    }

    /** exec:java's terminateThreads: interrupt, join within one budget, until none is left but the stubborn. */
    private static List<Thread> terminateThreads(ThreadGroup group) throws InterruptedException {
        long start = System.currentTimeMillis();
        Set<Thread> uncooperative = new HashSet<>();
        for (List<Thread> threads = activeThreads(group); !threads.isEmpty();
                threads = activeThreads(group), threads.removeAll(uncooperative)) {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Thread thread : threads) {
                if (!thread.isAlive()) {
                    continue;
                }
                long left = JOIN_TIMEOUT_MILLIS - (System.currentTimeMillis() - start);
                if (left > 0) {
                    thread.join(left);
                }
                if (thread.isAlive()) {
                    uncooperative.add(thread);
                }
            }
        }
        return new ArrayList<>(uncooperative);
    }

    /** A loader that is not a URLClassLoader: it defines every class from bytes it reads itself. */
    private static final class OpaqueLoader extends ClassLoader {
        private final URLClassLoader source;

        OpaqueLoader(URL[] urls) {
            super("opaque", ClassLoader.getPlatformClassLoader());
            this.source = new URLClassLoader(urls, null);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        @Override
        protected URL findResource(String name) {
            return source.findResource(name);
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return source.findResources(name);
        }
    }
}
