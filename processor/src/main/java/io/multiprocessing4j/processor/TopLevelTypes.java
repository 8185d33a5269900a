package io.multiprocessing4j.processor;

import javax.lang.model.element.TypeElement;

/** The top-level type around a type: the originating element of what is generated for it. */
final class TopLevelTypes {

    private TopLevelTypes() {}

    /** {@code type} itself if it is top-level, else the outermost type it is nested in. */
    static TypeElement of(TypeElement type) {
        TypeElement current = type;
        while (current.getEnclosingElement() instanceof TypeElement enclosing) {
            current = enclosing;
        }
        return current;
    }
}
