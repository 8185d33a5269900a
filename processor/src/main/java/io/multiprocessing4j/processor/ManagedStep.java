package io.multiprocessing4j.processor;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The processor's work for {@code @Managed}, round by round: validates each annotated type
 * ({@link ManagedValidator}), models the valid ones ({@link ManagedInterfaceFactory}), generates
 * {@code FooManaged} ({@link ManagedGenerator}) and its index entry, and checks the classes of
 * the round that implement a {@code @Managed} interface ({@link ImplementationValidator}).
 *
 * <p>Guarantees, as for annotated methods: each interface is processed once, in the first round
 * that sees it; one whose signatures mention types not resolved yet waits for a later round, at
 * most until the last; the one originating element of what is generated is the top-level type
 * around the interface. A failure of the processor itself becomes an error on the interface.
 * Called on javac's thread only, like the processor.
 */
final class ManagedStep {

    /** Binary names of the annotated types already processed, over all rounds. */
    private final Set<String> processed = new HashSet<>();
    /** Annotated types waiting for types that another processor may generate, by canonical name. */
    private final Map<String, TypeElement> deferred = new LinkedHashMap<>();

    private final Elements elements;
    private final Filer filer;
    private final ErrorReporter reporter;
    private final ManagedValidator validator;
    private final ManagedInterfaceFactory modelFactory;
    private final ManagedGenerator generator;
    private final ImplementationValidator implementationValidator;
    private final IndexWriter indexWriter;

    ManagedStep(Elements elements, Filer filer, ErrorReporter reporter, ManagedValidator validator,
            ManagedInterfaceFactory modelFactory, ManagedGenerator generator,
            ImplementationValidator implementationValidator, IndexWriter indexWriter) {
        this.elements = elements;
        this.filer = filer;
        this.reporter = reporter;
        this.validator = validator;
        this.modelFactory = modelFactory;
        this.generator = generator;
        this.implementationValidator = implementationValidator;
        this.indexWriter = indexWriter;
    }

    /** Does this round's work; reports every problem, throws nothing it can report. */
    void process(RoundEnvironment round) {
        boolean lastRound = round.processingOver();
        for (TypeElement annotated : typesToProcess(round)) {
            String binaryName = elements.getBinaryName(annotated).toString();
            if (processed.contains(binaryName)) {
                continue;
            }
            try {
                if (process(annotated, lastRound)) {
                    processed.add(binaryName);
                } else {
                    deferred.put(annotated.getQualifiedName().toString(), annotated);
                }
            } catch (RuntimeException | Error failure) {
                processed.add(binaryName);
                reporter.internalError(annotated, failure);
            }
        }
        for (TypeElement root : ElementFilter.typesIn(round.getRootElements())) {
            try {
                implementationValidator.checkAll(root);
            } catch (RuntimeException | Error failure) {
                reporter.internalError(root, failure);
            }
        }
    }

    /** The types deferred earlier, then those annotated {@code @Managed} in this round. */
    private Iterable<TypeElement> typesToProcess(RoundEnvironment round) {
        Map<String, TypeElement> types = new LinkedHashMap<>();
        deferred.forEach((name, stale) -> {
            TypeElement fresh = elements.getTypeElement(name);
            TypeElement current = fresh != null ? fresh : stale;
            types.put(elements.getBinaryName(current).toString(), current);
        });
        deferred.clear();
        TypeElement annotation = elements.getTypeElement(ManagedAnnotation.NAME);
        if (annotation != null) {
            for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation))) {
                types.putIfAbsent(elements.getBinaryName(type).toString(), type);
            }
        }
        return types.values();
    }

    /**
     * Validates and generates for one annotated type.
     *
     * @return false if the type must wait for a later round; nothing was reported then
     */
    private boolean process(TypeElement annotated, boolean lastRound) {
        Verdict verdict = validator.validate(annotated, lastRound);
        if (verdict.outcome() == Verdict.Outcome.UNRESOLVED) {
            return false;
        }
        verdict.report();
        if (verdict.outcome() == Verdict.Outcome.VALID) {
            generate(modelFactory.create(annotated));
        }
        return true;
    }

    private void generate(ManagedInterface managed) {
        JavaFile file = generator.generate(managed);
        try {
            file.writeTo(filer);
        } catch (IOException e) {
            reporter.error(managed.element(), "multiprocessing4j cannot generate " + managed.generatedName().canonicalName()
                    + " for this interface: " + e.getMessage() + "; a class of that name probably exists already:"
                    + " rename one of the two");
            return;
        }
        try {
            indexWriter.write(managed.indexResourceName(), managed.indexLines(), managed.originatingElement());
        } catch (IOException e) {
            reporter.error(managed.element(), "multiprocessing4j cannot write the index entry "
                    + managed.indexResourceName() + " for this interface: " + e.getMessage());
        }
    }
}
