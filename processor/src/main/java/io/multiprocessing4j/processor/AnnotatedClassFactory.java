package io.multiprocessing4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Builds the model of a class and its validated annotated methods: everything the generators
 * need, already turned into names and types, so that they only write code.
 */
final class AnnotatedClassFactory {

    private final Types types;
    private final DispatchCasts dispatchCasts;

    AnnotatedClassFactory(Types types) {
        this.types = types;
        this.dispatchCasts = new DispatchCasts(types);
    }

    /**
     * The model of {@code owner}.
     *
     * @param owner a class reachable from its package (the validator has made sure)
     * @param methods its valid annotated methods, in declaration order, each with its dispatcher
     *     index and kinds
     */
    AnnotatedClass create(TypeElement owner, Map<ExecutableElement, IndexedKinds> methods) {
        ClassName ownerName = ClassName.get(owner);
        String prefix = String.join("_", ownerName.simpleNames());
        String packageName = ownerName.packageName();
        List<AnnotatedMethod> models = new ArrayList<>();
        methods.forEach((method, indexed) -> models.add(method(ownerName, method, indexed.index(), indexed.kinds())));
        return new AnnotatedClass(
                owner,
                TopLevelTypes.of(owner),
                ownerName,
                String.join(".", ownerName.simpleNames()),
                isPublicAllTheWayOut(owner),
                ClassName.get(packageName, prefix + "Tasks"),
                ClassName.get(packageName, prefix + "Workers"),
                ClassName.get(packageName, prefix + "Dispatcher"),
                List.copyOf(models));
    }

    /** A method's dispatcher index and the annotations it carries. */
    record IndexedKinds(int index, Set<MethodKind> kinds) {}

    private AnnotatedMethod method(ClassName owner, ExecutableElement method, int index, Set<MethodKind> kinds) {
        List<AnnotatedParameter> parameters = new ArrayList<>();
        boolean uncheckedCast = false;
        for (VariableElement parameter : method.getParameters()) {
            TypeMirror type = parameter.asType();
            TypeMirror castType = dispatchCasts.castType(method, type);
            uncheckedCast |= !dispatchCasts.isReifiable(castType);
            TypeMirror erasure = types.erasure(type);
            parameters.add(new AnnotatedParameter(parameter.getSimpleName().toString(), TypeName.get(type),
                    TypeName.get(castType), TypeName.get(erasure), erasure.toString()));
        }
        boolean genericVarargs = method.isVarArgs()
                && !dispatchCasts.isReifiable(((ArrayType) method.getParameters()
                        .get(method.getParameters().size() - 1).asType()).getComponentType());
        TypeMirror result = method.getReturnType();
        boolean isVoid = result.getKind() == TypeKind.VOID;
        return new AnnotatedMethod(
                method,
                index,
                Set.copyOf(kinds),
                method.getSimpleName().toString(),
                String.join(".", owner.simpleNames()) + "." + method.getSimpleName(),
                method.getModifiers().contains(Modifier.PUBLIC),
                method.getTypeParameters().stream().map(TypeVariableName::get).toList(),
                List.copyOf(parameters),
                method.isVarArgs(),
                genericVarargs,
                isVoid ? ClassName.get(Void.class) : TypeName.get(result).box(),
                kinds.contains(MethodKind.POOL_TASK) && !isVoid,
                uncheckedCast);
    }

    private static boolean isPublicAllTheWayOut(TypeElement type) {
        for (Element current = type; current instanceof TypeElement; current = current.getEnclosingElement()) {
            if (!current.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }
}
