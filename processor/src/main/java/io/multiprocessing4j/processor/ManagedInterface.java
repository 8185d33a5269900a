package io.multiprocessing4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Managed} interface that passed validation, and the names of what is generated for it.
 *
 * @param element the interface
 * @param originatingElement the top-level type around it: the one originating element of the
 *     generated file and index entry, as Gradle's isolating mode requires
 * @param displayName the interface as source names it: {@code Outer.Foo}
 * @param typeVariables the interface's type parameters, which the proxy class repeats
 * @param proxiedType the interface as the proxy implements it: {@code Foo<T>}
 * @param targetType what the dispatcher casts the server's object to: the interface with each
 *     type variable replaced by its bound, {@code Foo<Number>} for {@code Foo<T extends Number>}
 * @param generatedName {@code FooManaged}, {@code Outer_FooManaged} for a nested interface
 * @param methods the proxied methods, in number order
 */
record ManagedInterface(
        TypeElement element,
        TypeElement originatingElement,
        String displayName,
        List<TypeVariableName> typeVariables,
        TypeName proxiedType,
        TypeName targetType,
        ClassName generatedName,
        List<ManagedMethod> methods) {

    /** Whether the dispatcher's cast of the server's object to {@link #targetType} is unchecked. */
    boolean uncheckedTarget() {
        return !typeVariables.isEmpty();
    }

    /** The path of the index entry: {@code META-INF/multiprocessing4j/managed/<binary name of FooManaged>}. */
    String indexResourceName() {
        return RuntimeNames.MANAGED_INDEX_DIRECTORY + generatedName.reflectionName();
    }

    /** The index entry's lines, one per method in number order: {@code 0 add(int)}. */
    List<String> indexLines() {
        return methods.stream().map(ManagedMethod::indexEntry).toList();
    }
}
