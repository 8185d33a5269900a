package io.multiprocessing4j.processor;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * What a class generated in the owner's package can reach: the annotated method through its
 * enclosing classes, and every class named in the method's signature, which the generated
 * factories repeat and the dispatcher casts to.
 */
final class Reachability {

    private final Elements elements;

    Reachability(Elements elements) {
        this.elements = elements;
    }

    /**
     * Why the generated classes cannot call {@code method} through its enclosing classes: a
     * private, local or anonymous class on the way.
     *
     * @return empty if they can; otherwise the reason and the fix, as a clause that follows
     *     "method Foo.bar"
     */
    Optional<String> unreachableEnclosingClass(ExecutableElement method) {
        for (Element enclosing = method.getEnclosingElement();
                enclosing instanceof TypeElement type;
                enclosing = enclosing.getEnclosingElement()) {
            if (type.getNestingKind() == NestingKind.ANONYMOUS) {
                return Optional.of("is declared in an anonymous class, which no other class can reach:"
                        + " move it to a top-level class or a static nested class");
            }
            if (type.getNestingKind() == NestingKind.LOCAL) {
                return Optional.of("is declared in local class " + type.getSimpleName()
                        + ", which no class outside its method can reach:"
                        + " move it to a top-level class or a static nested class");
            }
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                return Optional.of("is declared in private class " + ReadableTypes.nameOf(type)
                        + ", which the generated class cannot reach: make " + type.getSimpleName()
                        + " package-private or public");
            }
        }
        return Optional.empty();
    }

    /**
     * Why code in package {@code from} cannot name {@code type} or a class inside it.
     *
     * @return empty if it can; otherwise the unnameable class, why, and the fix
     */
    Optional<String> unnameable(TypeMirror type, PackageElement from) {
        return Optional.ofNullable(type.accept(new SimpleTypeVisitor14<String, Void>() {
            @Override
            public String visitDeclared(DeclaredType declared, Void unused) {
                String problem = unnameable((TypeElement) declared.asElement(), from);
                for (TypeMirror argument : declared.getTypeArguments()) {
                    if (problem == null) {
                        problem = argument.accept(this, null);
                    }
                }
                return problem;
            }

            @Override
            public String visitArray(ArrayType array, Void unused) {
                return array.getComponentType().accept(this, null);
            }

            @Override
            public String visitWildcard(WildcardType wildcard, Void unused) {
                TypeMirror bound = wildcard.getExtendsBound() != null
                        ? wildcard.getExtendsBound() : wildcard.getSuperBound();
                return bound == null ? null : bound.accept(this, null);
            }

            @Override
            public String visitTypeVariable(TypeVariable variable, Void unused) {
                return null; // its bounds are checked where the type parameter is declared
            }

            @Override
            public String visitIntersection(IntersectionType intersection, Void unused) {
                for (TypeMirror bound : intersection.getBounds()) {
                    String problem = bound.accept(this, null);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
        }, null));
    }

    private String unnameable(TypeElement type, PackageElement from) {
        for (Element current = type;
                current instanceof TypeElement nested;
                current = current.getEnclosingElement()) {
            String name = ReadableTypes.nameOf(nested);
            if (nested.getNestingKind() == NestingKind.LOCAL || nested.getNestingKind() == NestingKind.ANONYMOUS) {
                return name + " is local to a method: declare it as a top-level class or a static nested class";
            }
            if (nested.getModifiers().contains(Modifier.PRIVATE)) {
                return name + " is private: make it package-private or public";
            }
            if (!nested.getModifiers().contains(Modifier.PUBLIC)
                    && !elements.getPackageOf(nested).equals(from)) {
                return name + " is not public and belongs to another package: make it public";
            }
        }
        return null;
    }
}
