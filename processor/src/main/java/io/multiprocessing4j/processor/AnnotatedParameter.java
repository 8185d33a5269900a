package io.multiprocessing4j.processor;

import com.palantir.javapoet.TypeName;

/**
 * One parameter of an annotated method, as the generators need it.
 *
 * @param name the parameter's name, repeated by the factory
 * @param type the parameter's type as declared, repeated by the factory
 * @param castType what the dispatcher casts the argument to: the declared type with every type
 *     variable replaced by its bound, since the dispatcher has no type variables in scope
 * @param erasure the erased type, for the javadoc link to the method
 * @param indexName the erased type as the index writes it, e.g. {@code java.lang.String}
 */
record AnnotatedParameter(String name, TypeName type, TypeName castType, TypeName erasure, String indexName) {}
