package io.multiprocessing4j.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * Names types the way a programmer writes them in source, for messages: {@code List<Order>}
 * rather than javac's {@code java.util.List<com.example.Order>}, and {@code Outer.Inner} for a
 * nested class.
 */
final class ReadableTypes {

    private ReadableTypes() {}

    /** The type as written in source with simple class names. */
    static String describe(TypeMirror type) {
        return type.accept(DESCRIBER, null);
    }

    /** The class's name as source in its own package writes it: {@code Outer.Inner}. */
    static String nameOf(TypeElement type) {
        if (type.getNestingKind() == NestingKind.ANONYMOUS) {
            return "an anonymous class";
        }
        Deque<String> names = new ArrayDeque<>();
        Element current = type;
        while (current instanceof TypeElement nested) {
            names.addFirst(nested.getSimpleName().toString());
            if (nested.getNestingKind() == NestingKind.LOCAL) {
                break;
            }
            current = nested.getEnclosingElement();
        }
        return String.join(".", names);
    }

    private static final SimpleTypeVisitor14<String, Void> DESCRIBER = new SimpleTypeVisitor14<>() {
        @Override
        protected String defaultAction(TypeMirror type, Void unused) {
            return type.toString();
        }

        @Override
        public String visitDeclared(DeclaredType type, Void unused) {
            String name = nameOf((TypeElement) type.asElement());
            if (type.getTypeArguments().isEmpty()) {
                return name;
            }
            return name + type.getTypeArguments().stream()
                    .map(ReadableTypes::describe)
                    .collect(Collectors.joining(", ", "<", ">"));
        }

        @Override
        public String visitArray(ArrayType type, Void unused) {
            return describe(type.getComponentType()) + "[]";
        }

        @Override
        public String visitTypeVariable(TypeVariable type, Void unused) {
            return type.asElement().getSimpleName().toString();
        }

        @Override
        public String visitWildcard(WildcardType type, Void unused) {
            if (type.getExtendsBound() != null) {
                return "? extends " + describe(type.getExtendsBound());
            }
            if (type.getSuperBound() != null) {
                return "? super " + describe(type.getSuperBound());
            }
            return "?";
        }
    };
}
