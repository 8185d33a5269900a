package io.multiprocessing4j.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * What a validator concluded about one element (an annotated method, a {@code @Managed}
 * interface), with its errors held back until {@link #report()}: an element that waits for a
 * later round reports nothing now, so none of its errors is reported twice.
 */
final class Verdict {

    /** What the validator concluded. */
    enum Outcome {
        /** The element follows every rule: generate its code. */
        VALID,
        /** The element breaks a rule, and errors were collected. */
        INVALID,
        /** A signature mentions a type that is not resolved yet: try again next round. */
        UNRESOLVED
    }

    private final Outcome outcome;
    private final List<Runnable> errors;

    private Verdict(Outcome outcome, List<Runnable> errors) {
        this.outcome = outcome;
        this.errors = errors;
    }

    Outcome outcome() {
        return outcome;
    }

    /** Reports the element's errors, if any. */
    void report() {
        errors.forEach(Runnable::run);
    }

    /** Collects the errors of one element's check, and whether it mentions an unresolved type. */
    static final class Collector {
        private final ErrorReporter reporter;
        private final List<Runnable> errors = new ArrayList<>();
        private boolean unresolved;

        Collector(ErrorReporter reporter) {
            this.reporter = reporter;
        }

        /** An error about {@code element}, reported by {@link Verdict#report()}. */
        void error(Element element, String message) {
            errors.add(() -> reporter.error(element, message));
        }

        /** An error about {@code annotation} on {@code element}, reported by {@link Verdict#report()}. */
        void error(Element element, AnnotationMirror annotation, String message) {
            errors.add(() -> reporter.error(element, annotation, message));
        }

        /** The element mentions a type javac has not resolved yet. */
        void unresolved() {
            unresolved = true;
        }

        /** Whether an error has been collected so far. */
        boolean hasErrors() {
            return !errors.isEmpty();
        }

        Verdict verdict() {
            Outcome outcome = unresolved ? Outcome.UNRESOLVED : errors.isEmpty() ? Outcome.VALID : Outcome.INVALID;
            return new Verdict(outcome, List.copyOf(errors));
        }
    }
}
