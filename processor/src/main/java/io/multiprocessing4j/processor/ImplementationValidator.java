package io.multiprocessing4j.processor;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the classes of the compilation that implement a {@code @Managed} interface: a Manager's
 * server creates an implementation with {@code new Impl()} from its own package, so a concrete
 * class that implements one, directly or through its supertypes, must be public (and public
 * and {@code static} all the way out when nested) with a public no-argument constructor. An
 * enum can never be created so. Abstract classes are not checked: the Manager never creates one.
 *
 * <p>Errors are reported at once, on the class, or on its constructor where one without
 * parameters exists but is not public. This sees the classes javac shows the processor (top-level
 * and member classes of a round); a class compiled without any annotation of this processor in
 * its compilation is not seen, and the Manager checks it when it is registered.
 */
final class ImplementationValidator {

    private final Elements elements;
    private final Types types;
    private final ErrorReporter reporter;

    ImplementationValidator(Elements elements, Types types, ErrorReporter reporter) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
    }

    /** Checks {@code root}, a type of this round, and every type nested in it. */
    void checkAll(TypeElement root) {
        if (GeneratedMarker.marksOwn(TopLevelTypes.of(root))) {
            return; // a FooManaged: its proxy implements the interface and is made by the dispatcher
        }
        check(root);
        for (TypeElement member : ElementFilter.typesIn(root.getEnclosedElements())) {
            checkAll(member);
        }
    }

    private void check(TypeElement type) {
        ElementKind kind = type.getKind();
        if (kind != ElementKind.CLASS && kind != ElementKind.ENUM && kind != ElementKind.RECORD) {
            return;
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return;
        }
        Optional<TypeElement> managed = managedSupertype(type);
        if (managed.isEmpty()) {
            return;
        }
        String name = ReadableTypes.nameOf(type);
        String subject = (kind == ElementKind.ENUM ? "enum " : kind == ElementKind.RECORD ? "record " : "class ")
                + name + " implements " + ManagedAnnotation.LABEL + " interface " + ReadableTypes.nameOf(managed.get())
                + ", so a Manager's server creates it with new " + name + "() from another package";
        if (kind == ElementKind.ENUM) {
            reporter.error(type, subject + ", which an enum does not allow: implement "
                    + ReadableTypes.nameOf(managed.get()) + " in a public class with a public no-argument constructor");
            return;
        }
        for (Element current = type; current instanceof TypeElement enclosing; current = current.getEnclosingElement()) {
            if (!enclosing.getModifiers().contains(Modifier.PUBLIC)) {
                reporter.error(type, enclosing == type
                        ? subject + ": it must be public; make " + name + " public"
                        : subject + ": it must be public all the way out, but it is nested in "
                                + ReadableTypes.nameOf(enclosing) + ", which is not public; make "
                                + ReadableTypes.nameOf(enclosing) + " public");
                break;
            }
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            reporter.error(type, subject + ": an inner class needs an instance of "
                    + ReadableTypes.nameOf((TypeElement) type.getEnclosingElement()) + " to be created; make " + name
                    + " static");
        }
        Optional<ExecutableElement> noArguments = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .filter(constructor -> constructor.getParameters().isEmpty())
                .findFirst();
        if (noArguments.isEmpty()) {
            reporter.error(type, subject + ", which needs a public constructor without parameters: add public "
                    + type.getSimpleName() + "() {}, and pass what the object needs through "
                    + ReadableTypes.nameOf(managed.get()) + "'s methods once it is created");
        } else if (!noArguments.get().getModifiers().contains(Modifier.PUBLIC)
                && elements.getOrigin(noArguments.get()) != Elements.Origin.MANDATED) {
            // (a default constructor has the class's access, which the class's error is about)
            reporter.error(noArguments.get(), subject + ": its constructor without parameters must be public;"
                    + " make it public");
        }
    }

    /** The first {@code @Managed} interface among {@code type}'s supertypes, breadth first. */
    private Optional<TypeElement> managedSupertype(TypeElement type) {
        Queue<TypeMirror> queue = new ArrayDeque<>(types.directSupertypes(type.asType()));
        Set<Element> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            TypeMirror next = queue.remove();
            if (!(next instanceof DeclaredType declared) || !seen.add(declared.asElement())) {
                continue;
            }
            if (ManagedAnnotation.isManagedInterface(declared.asElement())) {
                return Optional.of((TypeElement) declared.asElement());
            }
            queue.addAll(types.directSupertypes(next));
        }
        return Optional.empty();
    }
}
