package io.multiprocessing4j.processor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/**
 * The types the dispatcher casts arguments to, and whether such a cast is checked.
 *
 * <p>The dispatcher receives {@code Object[]} and calls the method directly, so it casts every
 * argument. A generic method's type variables are not in scope there; each is replaced by its
 * bound, which is a valid choice for the type argument the call then infers. The validator has
 * made sure that bound is a single type without type variables.
 */
final class DispatchCasts {

    private final Types types;

    DispatchCasts(Types types) {
        this.types = types;
    }

    /** The type of {@code parameterType} with each of {@code method}'s type variables replaced by its bound. */
    TypeMirror castType(ExecutableElement method, TypeMirror parameterType) {
        return castType(method.getTypeParameters(), parameterType);
    }

    /**
     * {@code type} with each of {@code typeParameters} replaced by its bound: for a
     * {@code @Managed} interface's method, the interface's type parameters and the method's.
     */
    TypeMirror castType(List<? extends TypeParameterElement> typeParameters, TypeMirror type) {
        Map<Element, TypeMirror> bounds = new HashMap<>();
        for (TypeParameterElement typeParameter : typeParameters) {
            bounds.put(typeParameter, ((TypeVariable) typeParameter.asType()).getUpperBound());
        }
        return substitute(type, bounds);
    }

    /**
     * Whether a cast from {@code Object} to {@code type} is checked at run time, i.e. whether the
     * type is reifiable (JLS 4.7); an unchecked cast needs {@code @SuppressWarnings("unchecked")}.
     */
    boolean isReifiable(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return isReifiable(((ArrayType) type).getComponentType());
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                boolean argumentsUnbounded = declared.getTypeArguments().stream().allMatch(argument ->
                        argument instanceof WildcardType wildcard
                                && wildcard.getExtendsBound() == null && wildcard.getSuperBound() == null);
                TypeMirror enclosing = declared.getEnclosingType();
                return argumentsUnbounded && (enclosing.getKind() != TypeKind.DECLARED || isReifiable(enclosing));
            case TYPEVAR:
            case WILDCARD:
            case INTERSECTION:
                return false;
            default:
                return true;
        }
    }

    private TypeMirror substitute(TypeMirror type, Map<Element, TypeMirror> bounds) {
        return type.accept(new SimpleTypeVisitor14<TypeMirror, Void>() {
            @Override
            protected TypeMirror defaultAction(TypeMirror unchanged, Void unused) {
                return unchanged;
            }

            @Override
            public TypeMirror visitTypeVariable(TypeVariable variable, Void unused) {
                return bounds.getOrDefault(variable.asElement(), variable);
            }

            @Override
            public TypeMirror visitArray(ArrayType array, Void unused) {
                return types.getArrayType(array.getComponentType().accept(this, null));
            }

            @Override
            public TypeMirror visitWildcard(WildcardType wildcard, Void unused) {
                return types.getWildcardType(
                        wildcard.getExtendsBound() == null ? null : wildcard.getExtendsBound().accept(this, null),
                        wildcard.getSuperBound() == null ? null : wildcard.getSuperBound().accept(this, null));
            }

            @Override
            public TypeMirror visitDeclared(DeclaredType declared, Void unused) {
                List<? extends TypeMirror> arguments = declared.getTypeArguments();
                if (arguments.isEmpty() && declared.getEnclosingType().getKind() != TypeKind.DECLARED) {
                    return declared;
                }
                TypeMirror[] substituted = arguments.stream()
                        .map(argument -> argument.accept(this, null))
                        .toArray(TypeMirror[]::new);
                TypeElement element = (TypeElement) declared.asElement();
                if (declared.getEnclosingType() instanceof DeclaredType enclosing) {
                    return types.getDeclaredType((DeclaredType) enclosing.accept(this, null), element, substituted);
                }
                return types.getDeclaredType(element, substituted);
            }
        }, null);
    }
}
