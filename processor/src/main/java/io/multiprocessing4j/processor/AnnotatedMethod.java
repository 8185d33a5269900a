package io.multiprocessing4j.processor;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;

/**
 * An annotated method that passed validation, as the generators need it.
 *
 * @param element the method
 * @param index its number in the owner's dispatcher: its position among the owner's annotated
 *     methods in declaration order
 * @param kinds which factories it gets
 * @param name the method's simple name, which its factories repeat
 * @param displayName {@code Owner.method}, the task's name in messages
 * @param isPublic whether the method is public, and so its factories
 * @param typeVariables the method's type parameters, which its factories repeat
 * @param parameters the parameters, in order
 * @param varargs whether the last parameter is variable-arity, and so the factories'
 * @param genericVarargs whether that parameter's element type is not reifiable, so that the
 *     factories need {@code @SafeVarargs}
 * @param taskResult what a pool task's {@code Task} carries: the result type boxed, {@code Void}
 *     for {@code void}
 * @param dispatcherReturnsResult whether the dispatcher returns the method's result; false for a
 *     {@code void} method and for a worker, whose result is ignored
 * @param uncheckedCast whether the dispatcher casts an argument to a type it cannot check
 */
record AnnotatedMethod(
        ExecutableElement element,
        int index,
        Set<MethodKind> kinds,
        String name,
        String displayName,
        boolean isPublic,
        List<TypeVariableName> typeVariables,
        List<AnnotatedParameter> parameters,
        boolean varargs,
        boolean genericVarargs,
        TypeName taskResult,
        boolean dispatcherReturnsResult,
        boolean uncheckedCast) {

    /** The method's line in the dispatcher index: {@code 0 square(int)}. */
    String indexEntry() {
        return index + " " + name + parameters.stream()
                .map(AnnotatedParameter::indexName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
