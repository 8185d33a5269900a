package io.multiprocessing4j.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A class that declares annotated methods, and the names of what is generated for it.
 *
 * @param owner the class that declares the methods
 * @param originatingElement the top-level class around {@code owner}: the one originating
 *     element of every generated file, as Gradle's isolating mode requires
 * @param ownerName the owner's name in generated code
 * @param displayName the owner as source names it: {@code Outer.Inner}
 * @param publicApi whether the owner and all its enclosing classes are public, and so the
 *     generated {@code *Tasks} and {@code *Workers} classes
 * @param tasksName {@code FooTasks}
 * @param workersName {@code FooWorkers}
 * @param dispatcherName {@code FooDispatcher}
 * @param methods the valid annotated methods, in declaration order
 */
record AnnotatedClass(
        TypeElement owner,
        TypeElement originatingElement,
        ClassName ownerName,
        String displayName,
        boolean publicApi,
        ClassName tasksName,
        ClassName workersName,
        ClassName dispatcherName,
        List<AnnotatedMethod> methods) {

    /** The methods that get a factory of {@code kind}, in declaration order. */
    List<AnnotatedMethod> methodsOf(MethodKind kind) {
        return methods.stream().filter(method -> method.kinds().contains(kind)).toList();
    }

    /** The binary name of the dispatcher, which names its index entry. */
    String dispatcherBinaryName() {
        return dispatcherName.reflectionName();
    }
}
