package io.multiprocessing4j.processor;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes a dispatcher's index entry: the class-output resource
 * {@code META-INF/multiprocessing4j/dispatchers/<dispatcher binary name>}, UTF-8, one line per
 * method, {@code <index> <name>(<erased parameter types>)}. A child refuses to load a class as a
 * dispatcher unless its entry exists; the lines are for people and tools reading the jar.
 */
final class IndexWriter {

    private final Filer filer;

    IndexWriter(Filer filer) {
        this.filer = filer;
    }

    /** The resource path of {@code annotatedClass}'s index entry. */
    static String resourceName(AnnotatedClass annotatedClass) {
        return RuntimeNames.INDEX_DIRECTORY + annotatedClass.dispatcherBinaryName();
    }

    void write(AnnotatedClass annotatedClass) throws IOException {
        FileObject resource = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
                resourceName(annotatedClass), annotatedClass.originatingElement());
        try (Writer writer = new OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
            for (AnnotatedMethod method : annotatedClass.methods()) {
                writer.write(method.indexEntry());
                writer.write('\n');
            }
        }
    }
}
