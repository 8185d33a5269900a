package io.multiprocessing4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import java.util.Optional;
import javax.lang.model.util.Elements;

/**
 * The {@code @Generated} annotation every generated class carries: it names the processor and,
 * on purpose, no date, so that a rebuild of unchanged sources produces identical files.
 */
final class GeneratedMarker {

    /** The annotation's canonical name. */
    static final String ANNOTATION_NAME = "javax.annotation.processing.Generated";

    private static final ClassName GENERATED = ClassName.bestGuess(ANNOTATION_NAME);

    private final Optional<AnnotationSpec> annotation;

    GeneratedMarker(Elements elements) {
        // Absent when the user compiles for a release without it, or a module that does not
        // read java.compiler; the generated code is the same without it.
        this.annotation = elements.getTypeElement(GENERATED.canonicalName()) == null
                ? Optional.empty()
                : Optional.of(AnnotationSpec.builder(GENERATED)
                        .addMember("value", "$S", Multiprocessing4jProcessor.class.getCanonicalName())
                        .build());
    }

    /** The annotation, or empty where {@code javax.annotation.processing.Generated} is not available. */
    Optional<AnnotationSpec> annotation() {
        return annotation;
    }
}
