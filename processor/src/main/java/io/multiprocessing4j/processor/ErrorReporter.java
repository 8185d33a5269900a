package io.multiprocessing4j.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place the processor reports through, after AutoValue's {@code ErrorReporter}.
 *
 * <p>Every message is attached to the element it is about (and to the annotation, where the
 * message is about the annotation), so javac and IDEs point at the right line; and every message
 * states the rule that was broken and how to fix it. Reporting never throws.
 */
final class ErrorReporter {

    private final Messager messager;

    ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    /** Reports an error about {@code element}. */
    void error(Element element, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    /** Reports an error about {@code annotation} on {@code element}. */
    void error(Element element, AnnotationMirror annotation, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }

    /**
     * Reports a failure of the processor itself as an error on {@code element} (or on nothing, if
     * null), with the stack trace in the message: javac would otherwise print it as a crash.
     */
    void internalError(Element element, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String message = "multiprocessing4j failed on " + (element == null ? "this compilation" : "this class")
                + ", which is a bug in multiprocessing4j; please report it with this trace: " + trace;
        if (element == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message);
        } else {
            error(element, message);
        }
    }
}
