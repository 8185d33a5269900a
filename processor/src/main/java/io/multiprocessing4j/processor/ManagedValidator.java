package io.multiprocessing4j.processor;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Elements;

/**
 * Checks a type annotated {@code @Managed} against the annotation's rules: an interface, not
 * sealed, public all the way out; its type parameters bounded by carriable types; every proxied
 * method (see {@link ProxiedMethods}) with carriable, nameable parameter and result types, and
 * none named {@code managedCalls()}.
 *
 * <p>Each error is on the element it is about: the annotation for what the annotated type is, the
 * type parameter for its bound, the parameter for a parameter's type, the method for its result
 * or its name. A method the interface inherits is not in the interface's source, so its errors
 * are on the interface and name the method and where it comes from. An interface whose
 * signatures mention a type javac has not resolved comes back
 * {@link Verdict.Outcome#UNRESOLVED} with nothing reported: another processor may generate
 * that type in a later round.
 */
final class ManagedValidator {

    private static final String CANNOT_TRAVEL = "cannot travel between a Manager's server and its clients";

    private final Elements elements;
    private final ErrorReporter reporter;
    private final CarriableTypes carriableTypes;
    private final Reachability reachability;
    private final ProxiedMethods proxiedMethods;

    ManagedValidator(Elements elements, ErrorReporter reporter, CarriableTypes carriableTypes,
            Reachability reachability, ProxiedMethods proxiedMethods) {
        this.elements = elements;
        this.reporter = reporter;
        this.carriableTypes = carriableTypes;
        this.reachability = reachability;
        this.proxiedMethods = proxiedMethods;
    }

    /**
     * Checks {@code annotated}; reports nothing until {@link Verdict#report()} is called.
     *
     * @param annotated a type that carries {@code @Managed}
     * @param lastRound whether this is the last chance: an unresolved type is then an error too
     */
    Verdict validate(TypeElement annotated, boolean lastRound) {
        Validation validation = new Validation(annotated, lastRound);
        validation.run();
        return validation.errors.verdict();
    }

    /** One type's check. */
    private final class Validation {
        private final TypeElement managed;
        private final AnnotationMirror annotation;
        private final String name;
        private final boolean lastRound;
        private final PackageElement generatedPackage;
        private final Verdict.Collector errors = new Verdict.Collector(reporter);

        Validation(TypeElement managed, boolean lastRound) {
            this.managed = managed;
            this.annotation = ManagedAnnotation.on(managed).orElseThrow(
                    () -> new IllegalArgumentException(managed + " does not carry " + ManagedAnnotation.NAME));
            this.name = ReadableTypes.nameOf(managed);
            this.lastRound = lastRound;
            this.generatedPackage = elements.getPackageOf(managed);
        }

        void run() {
            if (managed.getKind() != ElementKind.INTERFACE) {
                errors.error(managed, annotation, ManagedAnnotation.LABEL + " " + kindOf(managed) + " " + name
                        + " must be an interface: " + ManagedAnnotation.LABEL + " marks the interface through which"
                        + " a Manager's clients call an object its server holds; declare the methods in a public"
                        + " interface annotated " + ManagedAnnotation.LABEL + " and implement it in a class");
                return;
            }
            if (managed.getModifiers().contains(Modifier.SEALED)) {
                errors.error(managed, annotation, ManagedAnnotation.LABEL + " interface " + name
                        + " must not be sealed: the generated proxy class implements it; remove sealed and its"
                        + " permits clause");
            }
            checkPublic();
            for (TypeParameterElement typeParameter : managed.getTypeParameters()) {
                checkTypeParameter(typeParameter);
            }
            DeclaredType managedType = (DeclaredType) managed.asType();
            for (ExecutableElement method : proxiedMethods.of(managed)) {
                checkMethod(method, proxiedMethods.asMember(managedType, method));
            }
        }

        private void checkPublic() {
            for (Element current = managed; current instanceof TypeElement type; current = current.getEnclosingElement()) {
                if (type.getModifiers().contains(Modifier.PUBLIC)) {
                    continue;
                }
                String why = ": a Manager's server and the generated " + generatedName()
                        + " use it from other packages; make ";
                errors.error(managed, annotation, type == managed
                        ? ManagedAnnotation.LABEL + " interface " + name + " must be public" + why + name + " public"
                        : ManagedAnnotation.LABEL + " interface " + name + " must be public all the way out, but it is"
                                + " nested in " + ReadableTypes.nameOf(type) + ", which is not public" + why
                                + ReadableTypes.nameOf(type) + " public");
                return;
            }
        }

        private void checkTypeParameter(TypeParameterElement typeParameter) {
            TypeMirror type = typeParameter.asType();
            String what = "type parameter " + typeParameter.getSimpleName() + " of " + ManagedAnnotation.LABEL
                    + " interface " + name;
            Optional<WireProblem> problem = carriableTypes.check(type);
            if (problem.isPresent()) {
                refuse(problem.get(), typeParameter, type, what + " " + CANNOT_TRAVEL + ": ");
                return;
            }
            for (TypeMirror bound : typeParameter.getBounds()) {
                reachability.unnameable(bound, generatedPackage).ifPresent(why -> errors.error(typeParameter,
                        what + " has bound " + ReadableTypes.describe(bound) + ", which the generated "
                                + generatedName() + " cannot name: " + why));
            }
        }

        private void checkMethod(ExecutableElement method, ExecutableType signature) {
            boolean own = method.getEnclosingElement().equals(managed);
            String subject = own
                    ? ManagedAnnotation.LABEL + " method " + name + "." + method.getSimpleName()
                    : "method " + ReadableTypes.nameOf((TypeElement) method.getEnclosingElement()) + "."
                            + method.getSimpleName() + ", which " + ManagedAnnotation.LABEL + " interface " + name
                            + " inherits,";
            if (method.getSimpleName().contentEquals("managedCalls") && method.getParameters().isEmpty()) {
                errors.error(own ? method : managed, subject + " takes the name managedCalls(), which the generated"
                        + " proxy uses to reach its server: rename the method");
            }
            for (TypeParameterElement typeParameter : method.getTypeParameters()) {
                for (TypeMirror bound : typeParameter.getBounds()) {
                    reachability.unnameable(bound, generatedPackage).ifPresent(why -> errors.error(
                            own ? typeParameter : managed, "type parameter " + typeParameter.getSimpleName() + " of "
                                    + subject + " has bound " + ReadableTypes.describe(bound) + ", which the generated "
                                    + generatedName() + " cannot name: " + why));
                }
            }
            List<? extends TypeMirror> parameterTypes = signature.getParameterTypes();
            for (int i = 0; i < parameterTypes.size(); i++) {
                Element parameter = method.getParameters().get(i);
                checkType(parameterTypes.get(i), own ? parameter : managed,
                        "parameter " + parameter.getSimpleName() + " of " + subject);
            }
            if (signature.getReturnType().getKind() != TypeKind.VOID) {
                checkType(signature.getReturnType(), own ? method : managed, "the result of " + subject);
            }
        }

        private void checkType(TypeMirror type, Element anchor, String whose) {
            String what = whose + " has type " + ReadableTypes.describe(type);
            Optional<WireProblem> problem = carriableTypes.check(type);
            if (problem.isPresent()) {
                if (!isOwnTypeVariable(problem.get().type())) { // reported once, on the type parameter
                    refuse(problem.get(), anchor, type, what + ", which " + CANNOT_TRAVEL + ": ");
                }
                return;
            }
            reachability.unnameable(type, generatedPackage).ifPresent(why -> errors.error(anchor,
                    what + ", which the generated " + generatedName() + " cannot name: " + why));
        }

        private void refuse(WireProblem problem, Element anchor, TypeMirror checked, String message) {
            if (problem.unresolved() && !lastRound) {
                errors.unresolved();
            } else {
                errors.error(anchor, message + problem.explain(checked));
            }
        }

        private boolean isOwnTypeVariable(TypeMirror type) {
            return type.getKind() == TypeKind.TYPEVAR
                    && managed.getTypeParameters().contains(((TypeVariable) type).asElement());
        }

        private String generatedName() {
            return String.join("_", ReadableTypes.nameOf(managed).split("\\.")) + "Managed";
        }
    }

    private static String kindOf(TypeElement type) {
        switch (type.getKind()) {
            case ENUM:
                return "enum";
            case RECORD:
                return "record";
            case ANNOTATION_TYPE:
                return "annotation type";
            default:
                return "class";
        }
    }
}
