package io.multiprocessing4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * What {@code FooTasks} and {@code FooWorkers} have in common: a final class with a private
 * constructor, one static factory per annotated method with the method's name, type parameters
 * and parameters, and one private helper that the factories call.
 *
 * <p>Each factory body is a single call of the helper with the arguments in an explicit
 * {@code new Object[] {...}}. A parameter name cannot break that: the helper is a method, and a
 * method name is never obscured by a variable; {@code Object} in an array creation is a type,
 * never a variable. The helper's own parameters are the only variables near the runtime's
 * names. A lone array argument of a varargs method stays one element, never spread.
 */
abstract class FactoryClassGenerator {

    private final GeneratedMarker generatedMarker;

    FactoryClassGenerator(GeneratedMarker generatedMarker) {
        this.generatedMarker = generatedMarker;
    }

    /** Which annotation's methods this generator makes factories for. */
    abstract MethodKind kind();

    /** The generated class's name. */
    abstract ClassName className(AnnotatedClass annotatedClass);

    /** The class javadoc; {@code $T} is the owner. */
    abstract String classJavadoc();

    /** The factory javadoc; the argument is the {@code {@link ...}} to the method. */
    abstract String factoryJavadoc();

    /** What a factory returns. */
    abstract TypeName factoryReturnType(AnnotatedMethod method);

    /** The helper's preferred name and, when a factory takes that name, the alternative. */
    abstract List<String> helperNames();

    /** The private helper, named {@code name}, that binds a call to the dispatcher. */
    abstract MethodSpec helper(String name, AnnotatedClass annotatedClass);

    /** The source of the generated class. */
    final JavaFile generate(AnnotatedClass annotatedClass) {
        List<AnnotatedMethod> methods = annotatedClass.methodsOf(kind());
        String helperName = helperName(methods);
        TypeSpec.Builder type = TypeSpec.classBuilder(className(annotatedClass))
                .addOriginatingElement(annotatedClass.originatingElement())
                .addJavadoc(classJavadoc() + "\n", annotatedClass.ownerName());
        generatedMarker.annotation().ifPresent(type::addAnnotation);
        if (annotatedClass.publicApi()) {
            type.addModifiers(Modifier.PUBLIC);
        }
        type.addModifiers(Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (AnnotatedMethod method : methods) {
            type.addMethod(factory(method, helperName, annotatedClass.ownerName()));
        }
        type.addMethod(helper(helperName, annotatedClass));
        // A type variable such as <Task extends ...> or <Object extends ...> would shadow the
        // class of that simple name inside its factory: such classes are written qualified.
        type.alwaysQualify(methods.stream()
                .flatMap(method -> method.typeVariables().stream())
                .map(TypeVariableName::name)
                .distinct()
                .toArray(String[]::new));
        return JavaFile.builder(annotatedClass.ownerName().packageName(), type.build())
                .skipJavaLangImports(true)
                .build();
    }

    private MethodSpec factory(AnnotatedMethod method, String helperName, ClassName owner) {
        MethodSpec.Builder factory = MethodSpec.methodBuilder(method.name())
                .addJavadoc(factoryJavadoc() + "\n", methodLink(owner, method));
        if (method.genericVarargs()) {
            // The factory only hands the array on as one argument, never writes to it: safe, and
            // said so the way the JDK's List.of(E...) says it, since any use of a generic varargs
            // array other than reading its elements draws the "varargs" lint.
            factory.addAnnotation(SafeVarargs.class)
                    .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "varargs")
                            .build());
        }
        if (method.isPublic()) {
            factory.addModifiers(Modifier.PUBLIC);
        }
        factory.addModifiers(Modifier.STATIC)
                .addTypeVariables(method.typeVariables())
                .returns(factoryReturnType(method));
        for (AnnotatedParameter parameter : method.parameters()) {
            factory.addParameter(ParameterSpec.builder(parameter.type(), parameter.name()).build());
        }
        // "$W": JavaPoet may break a long argument list there, as a person would.
        CodeBlock arguments = method.parameters().stream()
                .map(parameter -> CodeBlock.of("$N", parameter.name()))
                .collect(CodeBlock.joining(",$W"));
        return factory.varargs(method.varargs())
                .addStatement("return $N($L, $S, new $T[] {$L})",
                        helperName, method.index(), method.displayName(), Object.class, arguments)
                .build();
    }

    /** {@code {@link Owner#method(int, String)}}, with erased parameter types as javadoc wants them. */
    static CodeBlock methodLink(ClassName owner, AnnotatedMethod method) {
        CodeBlock parameterTypes = method.parameters().stream()
                .map(parameter -> CodeBlock.of("$T", parameter.erasure()))
                .collect(CodeBlock.joining(", "));
        return CodeBlock.of("{@link $T#$L($L)}", owner, method.name(), parameterTypes);
    }

    /**
     * The helper's name: the preferred one unless a factory already has it. Any factory of that
     * name could take part in overload resolution of the helper call, so a shared name is
     * avoided altogether rather than reasoned about.
     */
    private String helperName(List<AnnotatedMethod> methods) {
        Set<String> taken = methods.stream().map(AnnotatedMethod::name).collect(Collectors.toSet());
        List<String> candidates = helperNames();
        for (String candidate : candidates) {
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        String base = candidates.get(candidates.size() - 1);
        for (int suffix = 2; ; suffix++) {
            if (!taken.contains(base + suffix)) {
                return base + suffix;
            }
        }
    }
}
