package io.multiprocessing4j.processor;

import com.palantir.javapoet.TypeName;

/**
 * One parameter of a proxied method, as the generator needs it.
 *
 * @param name the parameter's name, repeated by the proxy
 * @param type its type as a member of the interface, repeated by the proxy
 * @param castType what the dispatcher casts the argument to: {@link #type} with every type
 *     variable, the interface's and the method's, replaced by its bound
 * @param indexName the erased type as the index entry writes it, e.g. {@code java.lang.String}
 */
record ManagedParameter(String name, TypeName type, TypeName castType, String indexName) {}
