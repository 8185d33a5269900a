package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * {@code @Generated} is claimed only where it marks this processor's own classes: a processor
 * that runs after it still sees everyone else's, and a build under {@code -Xlint:all -Werror}
 * still gets no "no processor claimed" warning for the generated classes.
 */
class GeneratedClaimTest {

    /** Runs after ours and records every element it is shown with {@code @Generated}. */
    private static final class GeneratedWatcher extends AbstractProcessor {
        final List<String> seen = new ArrayList<>();

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of(GeneratedMarker.ANNOTATION_NAME);
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            for (TypeElement annotation : annotations) {
                for (Element element : round.getElementsAnnotatedWith(annotation)) {
                    seen.add(element.toString());
                }
            }
            return true;
        }
    }

    @Test
    void anotherGeneratorsGeneratedReachesTheProcessorsAfterThisOne() {
        GeneratedWatcher watcher = new GeneratedWatcher();
        Compilation compilation = Compiler.javac()
                .withProcessors(new Multiprocessing4jProcessor(), watcher)
                .compile(source("Other", "@javax.annotation.processing.Generated(\"com.example.OtherGenerator\")",
                        "class Other { @PoolTask static int square(int x) { return x * x; } }"));
        assertThat(compilation).succeeded();
        assertThat(watcher.seen).contains("com.example.Other");
    }

    @Test
    void itsOwnGeneratedClassesAreClaimedSoAStrictBuildHasNoWarning() {
        Compilation compilation = Compiler.javac().withProcessors(new Multiprocessing4jProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(source("Plain", "class Plain { @PoolTask static int square(int x) { return x * x; } }"));
        assertThat(compilation).succeededWithoutWarnings();
    }
}
