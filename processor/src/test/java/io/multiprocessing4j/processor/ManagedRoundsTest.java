package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Managed} over several rounds: an interface is processed once; one whose methods mention
 * a type another processor generates later waits for it; an implementation generated in a later
 * round is checked too; every generated file names the top-level type as its one originating
 * element; and the processor's own generated proxies are not taken for implementations.
 */
class ManagedRoundsTest {

    /** Another processor: in the first round it generates a record and an implementation of Counter. */
    private static final class GeneratingProcessor extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (done) {
                return false;
            }
            done = true;
            write("com.example.Reading", "package com.example; public record Reading(String meter, double value) {}");
            write("com.example.LateCounter", "package com.example;"
                    + " class LateCounter implements Api.Counter { public int add(int delta) { return delta; } }");
            return false;
        }

        private void write(String name, String text) {
            try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                writer.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anInterfaceWaitsForAGeneratedTypeAndALateImplementationIsChecked() {
        RecordingProcessor recording = new RecordingProcessor(new Multiprocessing4jProcessor());
        JavaFileObject api = source("Api",
                "import io.multiprocessing4j.annotations.Managed;",
                "public class Api {",
                "    @Managed public interface Counter { int add(int delta); }",
                "    @Managed public interface Meter { void record(Reading reading); List<Reading> readings(); }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new GeneratingProcessor(), recording)
                .withOptions("-Xlint:all", "-Werror")
                .compile(api);
        assertThat(compilation).hadErrorContaining("class LateCounter implements @Managed interface Api.Counter, so a"
                + " Manager's server creates it with new LateCounter() from another package: it must be public");
        assertThat(compilation).hadErrorCount(1);
        assertThat(recording.creations).containsNoDuplicates();
        String index = "META-INF/multiprocessing4j/managed/";
        assertThat(recording.createdFiles).containsAtLeastEntriesIn(Map.of(
                "com.example.Api_CounterManaged", List.of("com.example.Api"),
                index + "com.example.Api_CounterManaged", List.of("com.example.Api"),
                "com.example.Api_MeterManaged", List.of("com.example.Api"),
                index + "com.example.Api_MeterManaged", List.of("com.example.Api")));
    }

    @Test
    void aTypeThatNeverResolvesIsReportedInTheLastRound() {
        JavaFileObject file = source("Meter",
                "import io.multiprocessing4j.annotations.Managed;",
                "@Managed",
                "public interface Meter {",
                "    void record(",
                "            Missing reading);",
                "}");
        Compilation compilation = Compilations.compile(file);
        assertThat(compilation).hadErrorContaining("parameter reading of @Managed method Meter.record has type Missing,"
                + " which cannot travel between a Manager's server and its clients: Missing could not be resolved:"
                + " check its name and that its class is on the classpath").inFile(file).onLineContaining("Missing reading");
    }
}
