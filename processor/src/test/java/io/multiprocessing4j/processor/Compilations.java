package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Compiles test sources with the processor under {@code -Xlint:all -Werror}, the options the
 * generated code promises to pass, against the real runtime on the test classpath.
 */
final class Compilations {

    private Compilations() {}

    static Compilation compile(JavaFileObject... sources) {
        return compiler().compile(sources);
    }

    static Compiler compiler(Processor... extraProcessors) {
        Processor[] processors = new Processor[extraProcessors.length + 1];
        processors[0] = new Multiprocessing4jProcessor();
        System.arraycopy(extraProcessors, 0, processors, 1, extraProcessors.length);
        return Compiler.javac().withProcessors(processors).withOptions("-Xlint:all", "-Werror");
    }

    /** A source file {@code com/example/<simpleName>.java} in package {@code com.example}, with the usual imports. */
    static JavaFileObject source(String simpleName, String... body) {
        String[] lines = new String[body.length + 10];
        lines[0] = "package com.example;";
        lines[1] = "";
        lines[2] = "import io.multiprocessing4j.annotations.PoolTask;";
        lines[3] = "import io.multiprocessing4j.annotations.Worker;";
        lines[4] = "import java.io.Serializable;";
        lines[5] = "import java.util.List;";
        lines[6] = "import java.util.Map;";
        lines[7] = "import java.util.Set;";
        lines[8] = "";
        lines[9] = "// " + simpleName;
        System.arraycopy(body, 0, lines, 10, body.length);
        return JavaFileObjects.forSourceLines("com.example." + simpleName, lines);
    }

    /** The text of a generated source file. */
    static String generatedSource(Compilation compilation, String qualifiedName) {
        JavaFileObject file = compilation.generatedSourceFile(qualifiedName).orElse(null);
        assertWithMessage("generated %s; generated were %s", qualifiedName, compilation.generatedSourceFiles())
                .that(file).isNotNull();
        return contentOf(file);
    }

    /** The text of a dispatcher's index entry, for dispatcher {@code binaryName}. */
    static String indexEntry(Compilation compilation, String dispatcherBinaryName) {
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/multiprocessing4j/dispatchers/" + dispatcherBinaryName).orElse(null);
        assertWithMessage("index entry of %s", dispatcherBinaryName).that(file).isNotNull();
        return contentOf(file);
    }

    private static String contentOf(JavaFileObject file) {
        try {
            return file.getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
