package io.multiprocessing4j.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The methods a {@code @Managed} interface's proxy sends to the server, in the order that numbers
 * them: superinterfaces first, depth first in the order of the {@code extends} clauses, each
 * interface's abstract methods in declaration order, the interface's own last. So an interface
 * that extends another and only adds methods numbers the inherited ones as the other does, as a
 * class's vtable would.
 *
 * <p>A method appears once: override-equivalent methods (a redeclaration in a subinterface, the
 * same method inherited from two superinterfaces) share the first place, with the signature of
 * the most specific one: the subinterface's, or between unrelated interfaces the one whose result
 * type is the most specific. An abstract method that a subinterface implements with a default
 * method is left out: the default runs in the client. {@code equals}, {@code hashCode} and
 * {@code toString} are never sent: the proxy answers them itself. The order depends only on the
 * source, so the numbers are the same in every compilation of the same interfaces.
 */
final class ProxiedMethods {

    private final Elements elements;
    private final Types types;
    private final List<ExecutableElement> objectMethods;

    ProxiedMethods(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
        TypeElement object = elements.getTypeElement(Object.class.getCanonicalName());
        this.objectMethods = ElementFilter.methodsIn(object.getEnclosedElements()).stream()
                .filter(method -> method.getModifiers().contains(Modifier.PUBLIC))
                .filter(method -> !method.getModifiers().contains(Modifier.STATIC))
                .toList();
    }

    /** {@code managed}'s proxied methods, in number order. */
    List<ExecutableElement> of(TypeElement managed) {
        DeclaredType managedType = (DeclaredType) managed.asType();
        List<ExecutableElement> all = new ArrayList<>();
        for (TypeElement type : interfacesOf(managed)) {
            for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
                if (!method.getModifiers().contains(Modifier.STATIC) && !method.getModifiers().contains(Modifier.PRIVATE)) {
                    all.add(method);
                }
            }
        }
        List<ExecutableElement> proxied = new ArrayList<>();
        for (ExecutableElement method : all) {
            if (!method.getModifiers().contains(Modifier.ABSTRACT)
                    || isObjectMethod(method)
                    || isImplementedByADefaultBelow(method, all, managed)) {
                continue;
            }
            int same = indexOfOverrideEquivalent(proxied, method, managedType);
            if (same < 0) {
                proxied.add(method);
            } else if (isMoreSpecific(method, proxied.get(same), managedType)) {
                proxied.set(same, method);
            }
        }
        return List.copyOf(proxied);
    }

    /** {@code managed} and all its superinterfaces, each once, every superinterface before the interfaces that extend it. */
    private Set<TypeElement> interfacesOf(TypeElement managed) {
        Set<TypeElement> interfaces = new LinkedHashSet<>();
        collect(managed, new HashSet<>(), interfaces);
        return interfaces;
    }

    private void collect(TypeElement type, Set<TypeElement> visited, Set<TypeElement> into) {
        if (!visited.add(type)) {
            return;
        }
        for (TypeMirror superinterface : type.getInterfaces()) {
            if (superinterface.getKind() == TypeKind.DECLARED) {
                Element element = ((DeclaredType) superinterface).asElement();
                if (element.getKind() == ElementKind.INTERFACE) {
                    collect((TypeElement) element, visited, into);
                }
            }
        }
        into.add(type);
    }

    /** Whether {@code method} redeclares one of Object's public methods: same name, same erased parameters. */
    private boolean isObjectMethod(ExecutableElement method) {
        for (ExecutableElement objectMethod : objectMethods) {
            if (method.getSimpleName().contentEquals(objectMethod.getSimpleName())
                    && erasedParameters(method).equals(erasedParameters(objectMethod))) {
                return true;
            }
        }
        return false;
    }

    private List<String> erasedParameters(ExecutableElement method) {
        return method.getParameters().stream().map(parameter -> types.erasure(parameter.asType()).toString()).toList();
    }

    /** Whether a default method of a subinterface of {@code method}'s interface overrides it. */
    private boolean isImplementedByADefaultBelow(ExecutableElement method, List<ExecutableElement> all,
            TypeElement managed) {
        for (ExecutableElement other : all) {
            if (other.getModifiers().contains(Modifier.DEFAULT)
                    && other.getSimpleName().contentEquals(method.getSimpleName())
                    && isProperSubinterface(other.getEnclosingElement(), method.getEnclosingElement())
                    && elements.overrides(other, method, managed)) {
                return true;
            }
        }
        return false;
    }

    private boolean isProperSubinterface(Element sub, Element sup) {
        return !sub.equals(sup) && types.isSubtype(types.erasure(sub.asType()), types.erasure(sup.asType()));
    }

    private int indexOfOverrideEquivalent(List<ExecutableElement> proxied, ExecutableElement method,
            DeclaredType managedType) {
        ExecutableType signature = asMember(managedType, method);
        for (int i = 0; i < proxied.size(); i++) {
            ExecutableElement candidate = proxied.get(i);
            if (!candidate.getSimpleName().contentEquals(method.getSimpleName())) {
                continue;
            }
            ExecutableType candidateSignature = asMember(managedType, candidate);
            if (types.isSubsignature(signature, candidateSignature) || types.isSubsignature(candidateSignature, signature)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code method} should stand for the place {@code kept} holds: it overrides it, or has a narrower result. */
    private boolean isMoreSpecific(ExecutableElement method, ExecutableElement kept, DeclaredType managedType) {
        return isProperSubinterface(method.getEnclosingElement(), kept.getEnclosingElement())
                || hasMoreSpecificResult(method, kept, managedType);
    }

    private boolean hasMoreSpecificResult(ExecutableElement method, ExecutableElement kept, DeclaredType managedType) {
        TypeMirror result = asMember(managedType, method).getReturnType();
        TypeMirror keptResult = asMember(managedType, kept).getReturnType();
        return !types.isSameType(result, keptResult) && types.isSubtype(result, keptResult);
    }

    /** {@code method}'s signature as a member of {@code managedType}, type arguments of superinterfaces bound. */
    ExecutableType asMember(DeclaredType managedType, ExecutableElement method) {
        return (ExecutableType) types.asMemberOf(managedType, method);
    }
}
