package io.multiprocessing4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * Reports annotated methods in local and anonymous classes, and {@code @Managed} on a local
 * interface, which javac never shows a processor: such types are entered only when method bodies
 * are attributed, after processing. Without this check the annotation would be silently ignored
 * and the user left wondering where the generated class is.
 *
 * <p>It listens to javac's analysis of each top-level class and runs the method validator on
 * what it finds, so the errors read like the processor's others. It works where javac's own
 * {@code ProcessingEnvironment} is at hand; where a build tool wraps it (Gradle does), the check
 * is skipped and such methods are ignored, which costs a clear error, not correctness.
 */
final class LocalClassChecker implements TaskListener {

    private final Trees trees;
    private final ErrorReporter reporter;
    private final MethodValidator validator;
    private final Function<Element, Set<MethodKind>> kindsOf;

    private LocalClassChecker(Trees trees, ErrorReporter reporter, MethodValidator validator,
            Function<Element, Set<MethodKind>> kindsOf) {
        this.trees = trees;
        this.reporter = reporter;
        this.validator = validator;
        this.kindsOf = kindsOf;
    }

    /** Registers the check with javac, if javac's processing environment is the one given. */
    static void register(ProcessingEnvironment environment, ErrorReporter reporter, MethodValidator validator,
            Function<Element, Set<MethodKind>> kindsOf) {
        JavacTask task;
        try {
            task = JavacTask.instance(environment);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return; // another compiler, or a wrapped environment: see the class comment
        }
        task.addTaskListener(new LocalClassChecker(Trees.instance(environment), reporter, validator, kindsOf));
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
            return;
        }
        TypeElement topLevel = event.getTypeElement();
        try {
            TreePath path = trees.getPath(topLevel);
            if (path != null) {
                new Scanner().scan(path, null);
            }
        } catch (RuntimeException | Error failure) {
            reporter.internalError(topLevel, failure);
        }
    }

    /**
     * Visits every method declaration, in whatever class, and checks the annotated ones in local
     * classes; and every local type, which must not carry {@code @Managed}.
     */
    private final class Scanner extends TreePathScanner<Void, Void> {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            if (trees.getElement(getCurrentPath()) instanceof TypeElement type
                    && type.getNestingKind() == NestingKind.LOCAL) {
                ManagedAnnotation.on(type).ifPresent(annotation -> reporter.error(type, annotation,
                        ManagedAnnotation.LABEL + " " + type.getSimpleName() + " is declared in a method, where"
                                + " neither its generated " + type.getSimpleName() + "Managed nor a Manager's"
                                + " server can reach it: make it a public top-level interface or a public member"
                                + " of a public class"));
            }
            return super.visitClass(tree, unused);
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method
                    && isInLocalOrAnonymousClass(method)) {
                Set<MethodKind> kinds = kindsOf.apply(method);
                if (!kinds.isEmpty()) {
                    validator.validate(method, kinds, true).report();
                }
            }
            return super.visitMethod(tree, unused);
        }
    }

    private static boolean isInLocalOrAnonymousClass(ExecutableElement method) {
        for (Element enclosing = method.getEnclosingElement();
                enclosing instanceof TypeElement type;
                enclosing = enclosing.getEnclosingElement()) {
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                return true;
            }
        }
        return false;
    }
}
