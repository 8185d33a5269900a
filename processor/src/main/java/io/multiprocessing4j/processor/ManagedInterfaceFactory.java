package io.multiprocessing4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Builds the model of a validated {@code @Managed} interface: its proxied methods, numbered, with
 * their types as members of the interface, already turned into names and types, so that the
 * generator only writes code.
 */
final class ManagedInterfaceFactory {

    private final Types types;
    private final ProxiedMethods proxiedMethods;
    private final DispatchCasts dispatchCasts;

    ManagedInterfaceFactory(Types types, ProxiedMethods proxiedMethods) {
        this.types = types;
        this.proxiedMethods = proxiedMethods;
        this.dispatchCasts = new DispatchCasts(types);
    }

    /**
     * The model of {@code managed}.
     *
     * @param managed a public {@code @Managed} interface whose proxied methods have carriable,
     *     nameable types (the validator has made sure)
     */
    ManagedInterface create(TypeElement managed) {
        ClassName name = ClassName.get(managed);
        DeclaredType managedType = (DeclaredType) managed.asType();
        List<? extends TypeParameterElement> interfaceVariables = managed.getTypeParameters();
        List<ManagedMethod> methods = new ArrayList<>();
        List<ExecutableElement> proxied = proxiedMethods.of(managed);
        String displayName = String.join(".", name.simpleNames());
        for (int index = 0; index < proxied.size(); index++) {
            methods.add(method(index, displayName, proxied.get(index), managedType, interfaceVariables));
        }
        return new ManagedInterface(
                managed,
                TopLevelTypes.of(managed),
                displayName,
                interfaceVariables.stream().map(TypeVariableName::get).toList(),
                TypeName.get(managedType),
                TypeName.get(dispatchCasts.castType(interfaceVariables, managedType)),
                ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Managed"),
                List.copyOf(methods));
    }

    private ManagedMethod method(int index, String interfaceName, ExecutableElement method, DeclaredType managedType,
            List<? extends TypeParameterElement> interfaceVariables) {
        ExecutableType signature = proxiedMethods.asMember(managedType, method);
        List<TypeParameterElement> variables = new ArrayList<>(interfaceVariables);
        variables.addAll(method.getTypeParameters());
        List<ManagedParameter> parameters = new ArrayList<>();
        boolean uncheckedDispatch = false;
        for (int i = 0; i < method.getParameters().size(); i++) {
            TypeMirror type = signature.getParameterTypes().get(i);
            TypeMirror castType = dispatchCasts.castType(variables, type);
            uncheckedDispatch |= !dispatchCasts.isReifiable(castType);
            parameters.add(new ManagedParameter(method.getParameters().get(i).getSimpleName().toString(),
                    TypeName.get(type), TypeName.get(castType), types.erasure(type).toString()));
        }
        boolean genericVarargs = method.isVarArgs()
                && !dispatchCasts.isReifiable(((ArrayType) signature.getParameterTypes()
                        .get(signature.getParameterTypes().size() - 1)).getComponentType());
        TypeMirror result = signature.getReturnType();
        return new ManagedMethod(
                index,
                method.getSimpleName().toString(),
                interfaceName + "." + method.getSimpleName(),
                signature.getTypeVariables().stream().map(TypeVariableName::get).toList(),
                List.copyOf(parameters),
                method.isVarArgs(),
                genericVarargs,
                TypeName.get(result),
                resultCast(result),
                uncheckedDispatch);
    }

    private ManagedMethod.ResultCast resultCast(TypeMirror result) {
        if (result.getKind() == TypeKind.VOID) {
            return ManagedMethod.ResultCast.NONE;
        }
        if (result.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) result).asElement()).getQualifiedName().contentEquals("java.lang.Object")) {
            return ManagedMethod.ResultCast.AS_IS;
        }
        return dispatchCasts.isReifiable(result) ? ManagedMethod.ResultCast.CHECKED : ManagedMethod.ResultCast.UNCHECKED;
    }
}
