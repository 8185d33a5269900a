package io.multiprocessing4j.processor;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleTypeVisitor14;

/** Questions about type variables inside a type. */
final class TypeVariables {

    private TypeVariables() {}

    /** Whether {@code type} is or contains a type variable, e.g. {@code T} or {@code List<T[]>}. */
    static boolean mentionsAny(TypeMirror type) {
        return type.accept(MENTIONS, null);
    }

    private static final SimpleTypeVisitor14<Boolean, Void> MENTIONS = new SimpleTypeVisitor14<>(false) {
        @Override
        public Boolean visitTypeVariable(TypeVariable type, Void unused) {
            return true;
        }

        @Override
        public Boolean visitArray(ArrayType type, Void unused) {
            return type.getComponentType().accept(this, null);
        }

        @Override
        public Boolean visitDeclared(DeclaredType type, Void unused) {
            return type.getTypeArguments().stream().anyMatch(argument -> argument.accept(this, null))
                    || type.getEnclosingType().accept(this, null);
        }

        @Override
        public Boolean visitWildcard(WildcardType type, Void unused) {
            return (type.getExtendsBound() != null && type.getExtendsBound().accept(this, null))
                    || (type.getSuperBound() != null && type.getSuperBound().accept(this, null));
        }

        @Override
        public Boolean visitIntersection(IntersectionType type, Void unused) {
            return type.getBounds().stream().anyMatch(bound -> bound.accept(this, null));
        }
    };
}
