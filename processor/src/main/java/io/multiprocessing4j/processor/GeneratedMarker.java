package io.multiprocessing4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The {@code @Generated} annotation every generated class carries: it names the processor and,
 * on purpose, no date, so that a rebuild of unchanged sources produces identical files.
 */
final class GeneratedMarker {

    /** The annotation's canonical name. */
    static final String ANNOTATION_NAME = "javax.annotation.processing.Generated";

    private static final ClassName GENERATED = ClassName.bestGuess(ANNOTATION_NAME);
    /** What the annotation's {@code value} says of every class this processor generates. */
    private static final String OWN_NAME = Multiprocessing4jProcessor.class.getCanonicalName();

    private final Optional<AnnotationSpec> annotation;

    GeneratedMarker(Elements elements) {
        // Absent when the user compiles for a release without it, or a module that does not
        // read java.compiler; the generated code is the same without it.
        this.annotation = elements.getTypeElement(GENERATED.canonicalName()) == null
                ? Optional.empty()
                : Optional.of(AnnotationSpec.builder(GENERATED)
                        .addMember("value", "$S", OWN_NAME)
                        .build());
    }

    /**
     * Whether {@code element}'s {@code @Generated} names this processor, and nothing else, as
     * the generator.
     */
    static boolean marksOwn(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (!type.getQualifiedName().contentEquals(ANNOTATION_NAME)) {
                continue;
            }
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> member
                    : mirror.getElementValues().entrySet()) {
                if (member.getKey().getSimpleName().contentEquals("value")) {
                    Object value = member.getValue().getValue();
                    return value instanceof List<?> && ((List<?>) value).size() == 1
                            && OWN_NAME.equals(((AnnotationValue) ((List<?>) value).get(0)).getValue());
                }
            }
        }
        return false;
    }

    /** The annotation, or empty where {@code javax.annotation.processing.Generated} is not available. */
    Optional<AnnotationSpec> annotation() {
        return annotation;
    }
}
