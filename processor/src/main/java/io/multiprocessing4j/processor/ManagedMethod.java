package io.multiprocessing4j.processor;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One proxied method of a {@code @Managed} interface, as the generator needs it; its types are
 * those of the method as a member of the interface, so a method inherited from
 * {@code Base<List<T>>} has {@code List<T>} where {@code Base} says {@code E}.
 *
 * @param index its number: its place in {@link ProxiedMethods}' order
 * @param name the method's simple name
 * @param displayName {@code Foo.method}, the call's name in messages
 * @param typeVariables the method's own type parameters, which the proxy repeats
 * @param parameters the parameters, in order
 * @param varargs whether the last parameter is variable-arity
 * @param genericVarargs whether that parameter's element type is not reifiable, so that the
 *     proxy's method draws a heap-pollution warning unless it suppresses it
 * @param result the result type; {@code void} for none
 * @param resultCast how the proxy turns the server's answer into {@link #result}
 * @param uncheckedDispatch whether the dispatcher casts an argument to a type it cannot check
 */
record ManagedMethod(
        int index,
        String name,
        String displayName,
        List<TypeVariableName> typeVariables,
        List<ManagedParameter> parameters,
        boolean varargs,
        boolean genericVarargs,
        TypeName result,
        ResultCast resultCast,
        boolean uncheckedDispatch) {

    /** How the proxy turns the {@code Object} the server answered into the method's result. */
    enum ResultCast {
        /** The method is {@code void}: the answer is ignored. */
        NONE,
        /** The result type is {@code Object}: no cast, which would be redundant. */
        AS_IS,
        /** A cast the JVM checks: a class, a primitive (unboxed), a reifiable array. */
        CHECKED,
        /** A cast to a type that is not reifiable, such as {@code T} or {@code List<String>}. */
        UNCHECKED
    }

    /** The method's line in the index entry: {@code 0 add(int)}. */
    String indexEntry() {
        return index + " " + name + parameters.stream()
                .map(ManagedParameter::indexName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
