package io.multiprocessing4j.internal.manager;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Finds the generated dispatcher of a {@code @Managed} interface ({@code p.FooManaged.DISPATCHER}
 * for {@code p.Foo}, {@code p.Outer_FooManaged} for {@code p.Outer.Foo}) and checks the
 * processor's index for it, and checks an implementation, so that {@code register} fails at once,
 * in the caller's thread, with a message that says what to fix.
 */
public final class ManagedTypes {

    private static final String ANNOTATION = "io.multiprocessing4j.annotations.Managed";

    private static final ClassValue<Object> DISPATCHERS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return find(type);
            } catch (IllegalArgumentException e) {
                return e;
            }
        }
    };

    private ManagedTypes() {}

    /**
     * The dispatcher of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not an interface annotated
     *     {@code @Managed} with a generated, indexed dispatcher
     */
    public static ManagedDispatcher dispatcher(Class<?> type) {
        Object found = DISPATCHERS.get(type);
        if (found instanceof IllegalArgumentException) {
            IllegalArgumentException e = (IllegalArgumentException) found;
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return (ManagedDispatcher) found;
    }

    private static ManagedDispatcher find(Class<?> type) {
        if (!type.isInterface() || type.isAnnotation()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface: a Manager serves"
                    + " interfaces annotated @Managed, with the implementation registered beside them");
        }
        boolean annotated = false;
        for (java.lang.annotation.Annotation annotation : type.getAnnotations()) {
            annotated |= annotation.annotationType().getName().equals(ANNOTATION);
        }
        if (!annotated) {
            throw new IllegalArgumentException(type.getName() + " is not annotated @Managed: annotate it"
                    + " with @io.multiprocessing4j.annotations.Managed and compile it with"
                    + " multiprocessing4j-processor on the annotation processor path");
        }
        String name = generatedName(type);
        ClassLoader loader = type.getClassLoader();
        try {
            Class<?> generated = Class.forName(name, true, loader);
            if (loader == null || loader.getResource(ManagedDispatcher.INDEX_DIRECTORY + name) == null) {
                throw new IllegalArgumentException(name + " is not in the multiprocessing4j index ("
                        + ManagedDispatcher.INDEX_DIRECTORY + "): keep META-INF/multiprocessing4j when"
                        + " repackaging the jar");
            }
            Object dispatcher = generated.getField("DISPATCHER").get(null);
            if (!(dispatcher instanceof ManagedDispatcher) || ((ManagedDispatcher) dispatcher).type() != type) {
                throw new IllegalArgumentException(name + ".DISPATCHER does not serve " + type.getName());
            }
            return (ManagedDispatcher) dispatcher;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the generated class " + name + " of @Managed "
                    + type.getName() + " is missing: compile " + type.getSimpleName()
                    + " with multiprocessing4j-processor on the annotation processor path", e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException(name + " has no usable public static DISPATCHER: " + e, e);
        }
    }

    /** {@code p.FooManaged} for {@code p.Foo}; {@code p.Outer_FooManaged} for {@code p.Outer.Foo}. */
    static String generatedName(Class<?> type) {
        String packageName = type.getPackageName();
        String simple = packageName.isEmpty() ? type.getName() : type.getName().substring(packageName.length() + 1);
        return (packageName.isEmpty() ? "" : packageName + ".") + simple.replace('$', '_') + "Managed";
    }

    /**
     * Checks that {@code implementation} can serve {@code type}.
     *
     * @throws IllegalArgumentException if it does not implement it, is abstract or not public, or
     *     has no public no-argument constructor
     */
    public static void checkImplementation(Class<?> type, Class<?> implementation) {
        dispatcher(type);
        if (!type.isAssignableFrom(implementation)) {
            throw new IllegalArgumentException(implementation.getName() + " does not implement " + type.getName());
        }
        int modifiers = implementation.getModifiers();
        if (implementation.isInterface() || Modifier.isAbstract(modifiers) || !Modifier.isPublic(modifiers)
                || implementation.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
            throw new IllegalArgumentException(implementation.getName() + " cannot be created by the Manager:"
                    + " the Manager creates it with `new " + implementation.getSimpleName() + "()` in its server,"
                    + " so make it a public, concrete, top-level or static nested class");
        }
        try {
            Constructor<?> constructor = implementation.getConstructor();
            if (!Modifier.isPublic(constructor.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(implementation.getName() + " has no public no-argument"
                    + " constructor: the Manager creates it with `new " + implementation.getSimpleName()
                    + "()` in its server; add one", e);
        }
    }
}
