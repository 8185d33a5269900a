package io.multiprocessing4j.processor;

import io.multiprocessing4j.annotations.Managed;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @Managed} on an element by the annotation's name: on an interface from a jar as
 * well as one being compiled (the annotation is kept in class files), and without loading the
 * user's classes.
 */
final class ManagedAnnotation {

    /** The annotation's canonical name. */
    static final String NAME = Managed.class.getCanonicalName();

    /** How messages name the annotation. */
    static final String LABEL = "@Managed";

    private ManagedAnnotation() {}

    /** {@code @Managed} as {@code element} carries it, if it does. */
    static Optional<AnnotationMirror> on(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(NAME)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code element} is an interface that carries {@code @Managed}: a type whose values travel as proxies. */
    static boolean isManagedInterface(Element element) {
        return element.getKind() == ElementKind.INTERFACE && on(element).isPresent();
    }
}
