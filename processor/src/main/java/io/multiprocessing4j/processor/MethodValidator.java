package io.multiprocessing4j.processor;

import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Checks one annotated method against the rules of {@code @Worker} and {@code @PoolTask}:
 * static and not private; reachable through its enclosing classes; every parameter, and the
 * result of a pool task, carriable (see {@link CarriableTypes}) and nameable from the generated
 * classes.
 *
 * <p>All of a method's errors are reported at once, each on the element it is about: the
 * parameter for a parameter, the method for its result, the method and its annotation for the
 * rules about where the annotation may be. A method whose signature mentions a type javac has
 * not resolved is reported on nothing and comes back {@link Verdict.Outcome#UNRESOLVED}: another
 * processor may generate that type in a later round.
 */
final class MethodValidator {

    private final Elements elements;
    private final ErrorReporter reporter;
    private final CarriableTypes carriableTypes;
    private final Reachability reachability;

    MethodValidator(Elements elements, ErrorReporter reporter, CarriableTypes carriableTypes,
            Reachability reachability) {
        this.elements = elements;
        this.reporter = reporter;
        this.carriableTypes = carriableTypes;
        this.reachability = reachability;
    }

    /**
     * Checks {@code method}; reports nothing until {@link Verdict#report()} is called, so that a
     * class can be deferred as a whole without reporting any of its errors twice.
     *
     * @param lastRound whether this is the last chance: an unresolved type is then an error too
     */
    Verdict validate(ExecutableElement method, Set<MethodKind> kinds, boolean lastRound) {
        Validation validation = new Validation(method, kinds, lastRound);
        validation.run();
        return validation.errors.verdict();
    }

    /** One method's check: collects its errors, so that none is reported if the method is deferred. */
    private final class Validation {
        private final ExecutableElement method;
        private final Set<MethodKind> kinds;
        private final AnnotationMirror annotation;
        private final String subject;
        private final PackageElement generatedPackage;
        private final Verdict.Collector errors = new Verdict.Collector(reporter);
        private final boolean lastRound;

        Validation(ExecutableElement method, Set<MethodKind> kinds, boolean lastRound) {
            this.method = method;
            this.lastRound = lastRound;
            this.kinds = kinds;
            this.annotation = annotationOf(method, kinds);
            TypeElement owner = (TypeElement) method.getEnclosingElement();
            this.subject = MethodKind.labelOf(kinds) + " method "
                    + (owner.getNestingKind() == NestingKind.ANONYMOUS ? "" : ReadableTypes.nameOf(owner) + ".")
                    + method.getSimpleName();
            this.generatedPackage = elements.getPackageOf(method);
        }

        void run() {
            checkPlacement();
            for (TypeParameterElement typeParameter : method.getTypeParameters()) {
                for (TypeMirror bound : typeParameter.getBounds()) {
                    reachability.unnameable(bound, generatedPackage).ifPresent(why -> error(typeParameter,
                            "type parameter " + typeParameter.getSimpleName() + " of " + subject
                                    + " has bound " + ReadableTypes.describe(bound)
                                    + ", which the generated class cannot name: " + why));
                }
            }
            for (VariableElement parameter : method.getParameters()) {
                checkParameter(parameter);
            }
            if (kinds.contains(MethodKind.POOL_TASK) && method.getReturnType().getKind() != TypeKind.VOID) {
                checkResult();
            }
        }

        /** The rules about where the annotation may be: a static, non-private, reachable method. */
        private void checkPlacement() {
            if (!method.getModifiers().contains(Modifier.STATIC)) {
                errorOnAnnotation(subject + " must be static: make it static;"
                        + " the child JVM has no instance to call it on");
            }
            if (method.getModifiers().contains(Modifier.PRIVATE)) {
                errorOnAnnotation(subject + " must not be private: make it package-private or public"
                        + " so the generated class can call it");
            }
            reachability.unreachableEnclosingClass(method)
                    .ifPresent(why -> errorOnAnnotation(subject + " " + why));
        }

        private void checkParameter(VariableElement parameter) {
            TypeMirror type = parameter.asType();
            String what = "parameter " + parameter.getSimpleName() + " of " + subject
                    + " has type " + ReadableTypes.describe(type);
            Optional<WireProblem> problem = carriableTypes.check(type);
            if (problem.isPresent()) {
                if (problem.get().unresolved() && !lastRound) {
                    errors.unresolved();
                } else {
                    error(parameter, what + ", which cannot be sent to a child JVM: "
                            + problem.get().explain(type));
                }
                return;
            }
            reachability.unnameable(type, generatedPackage).ifPresent(why -> error(parameter,
                    what + ", which the generated class cannot name: " + why));
        }

        private void checkResult() {
            TypeMirror type = method.getReturnType();
            String what = "the result of " + subject + " has type " + ReadableTypes.describe(type);
            Optional<WireProblem> problem = carriableTypes.check(type);
            if (problem.isPresent()) {
                if (problem.get().unresolved() && !lastRound) {
                    errors.unresolved();
                } else {
                    error(method, what + ", which cannot be sent back from a child JVM: "
                            + problem.get().explain(type));
                }
                return;
            }
            reachability.unnameable(type, generatedPackage).ifPresent(why -> error(method,
                    what + ", which the generated Task<...> factory cannot name: " + why));
        }

        private void error(Element element, String message) {
            errors.error(element, message);
        }

        private void errorOnAnnotation(String message) {
            errors.error(method, annotation, message);
        }
    }

    /** The first of the method's annotations in {@code kinds}: what a placement error points at. */
    private static AnnotationMirror annotationOf(ExecutableElement method, Set<MethodKind> kinds) {
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            for (MethodKind kind : kinds) {
                if (kind.annotationName().equals(name)) {
                    return mirror;
                }
            }
        }
        throw new IllegalArgumentException(method + " carries none of " + kinds);
    }
}
