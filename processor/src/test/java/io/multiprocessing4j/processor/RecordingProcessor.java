package io.multiprocessing4j.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs a processor behind a {@link Filer} that records every file it creates, with the
 * originating elements it passed, as Gradle's incremental compilation would see them. The
 * environment is a wrapper, as under Gradle, so javac-only extras are off.
 */
final class RecordingProcessor implements Processor {

    private final Processor delegate;
    /** Created file name (a class's qualified name or a resource path) to its originating elements. */
    final Map<String, List<String>> createdFiles = new LinkedHashMap<>();
    /** Every file creation in order, so that a test can see a file created twice. */
    final List<String> creations = new ArrayList<>();

    private final RuntimeException sourceFileFailure;

    RecordingProcessor(Processor delegate) {
        this(delegate, null);
    }

    /** Like {@link #RecordingProcessor(Processor)}, but creating a source file throws {@code sourceFileFailure}. */
    RecordingProcessor(Processor delegate, RuntimeException sourceFileFailure) {
        this.delegate = delegate;
        this.sourceFileFailure = sourceFileFailure;
    }

    @Override
    public void init(ProcessingEnvironment environment) {
        delegate.init(new ProcessingEnvironment() {
            @Override
            public Map<String, String> getOptions() {
                return environment.getOptions();
            }

            @Override
            public Messager getMessager() {
                return environment.getMessager();
            }

            @Override
            public Filer getFiler() {
                return new RecordingFiler(environment.getFiler());
            }

            @Override
            public Elements getElementUtils() {
                return environment.getElementUtils();
            }

            @Override
            public Types getTypeUtils() {
                return environment.getTypeUtils();
            }

            @Override
            public SourceVersion getSourceVersion() {
                return environment.getSourceVersion();
            }

            @Override
            public Locale getLocale() {
                return environment.getLocale();
            }
        });
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
            ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }

    private final class RecordingFiler implements Filer {
        private final Filer filer;

        RecordingFiler(Filer filer) {
            this.filer = filer;
        }

        private void record(CharSequence name, Element... originatingElements) {
            List<String> names = new ArrayList<>();
            for (Element element : originatingElements) {
                names.add(element.toString());
            }
            createdFiles.put(name.toString(), names);
            creations.add(name.toString());
        }

        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
            if (sourceFileFailure != null) {
                throw sourceFileFailure;
            }
            record(name, originatingElements);
            return filer.createSourceFile(name, originatingElements);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
            record(name, originatingElements);
            return filer.createClassFile(name, originatingElements);
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPackage,
                CharSequence relativeName, Element... originatingElements) throws IOException {
            record(relativeName, originatingElements);
            return filer.createResource(location, moduleAndPackage, relativeName, originatingElements);
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPackage,
                CharSequence relativeName) throws IOException {
            return filer.getResource(location, moduleAndPackage, relativeName);
        }
    }
}
