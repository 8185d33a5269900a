package io.multiprocessing4j.processor;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes index entries: for a dispatcher the class-output resource
 * {@code META-INF/multiprocessing4j/dispatchers/<dispatcher binary name>}, for a {@code @Managed}
 * interface {@code META-INF/multiprocessing4j/managed/<binary name of FooManaged>}; UTF-8, one line
 * per method, {@code <index> <name>(<erased parameter types>)}. The runtime refuses to load a
 * class as a dispatcher (a child) or a managed dispatcher (a Manager's server) unless its entry
 * exists; the lines are for people and tools reading the jar.
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
        write(resourceName(annotatedClass), annotatedClass.methods().stream().map(AnnotatedMethod::indexEntry).toList(),
                annotatedClass.originatingElement());
    }

    /** Writes the class-output resource {@code resourceName}: {@code lines}, each ended by a newline, UTF-8. */
    void write(String resourceName, List<String> lines, Element originatingElement) throws IOException {
        FileObject resource = filer.createResource(StandardLocation.CLASS_OUTPUT, "", resourceName, originatingElement);
        try (Writer writer = new OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
    }
}
