package io.multiprocessing4j.processor;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The wire-type rules: which types an argument or a result may have so that it can be sent to a
 * child JVM and back.
 *
 * <p>Carriable are primitives and their boxes, {@code String}, enums, records whose components
 * are carriable, arrays of carriable types, {@code List}, {@code Set} and {@code Map} of
 * carriable types, the runtime's shared objects and {@code @Managed} interfaces (both travel
 * as handles to the same object), anything {@code java.io.Serializable}, type
 * variables bounded by a carriable type, and {@code Object}, alone or as a type argument
 * ({@code Map<String, Object>}): the programmer asked for "any value", as in Python, and the wire
 * checks each value when it is sent, with an error that names it. Records and collections are checked all the way down,
 * so a record that hides a {@code Thread} three components deep is refused here, at compile
 * time, instead of failing in a child at run time. The check is cycle-safe: a record that
 * contains itself is checked once.
 *
 * <p>A refused type comes back as a {@link WireProblem} whose fix fits the common mistakes:
 * lambdas, threads and streams, other collection types, raw types.
 */
final class CarriableTypes {

    /** Deeper than this, a type is accepted unchecked: only a pathological generic record gets there. */
    private static final int MAX_DEPTH = 64;

    private static final Set<String> SIMPLE_VALUES = Set.of(
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.String", "java.lang.Void");

    /** Types whose instances only mean something inside the process that made them. */
    private static final List<String> PROCESS_BOUND = List.of(
            "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.Process", "java.lang.ProcessHandle",
            "java.lang.ClassLoader", "java.io.InputStream", "java.io.OutputStream", "java.io.Reader",
            "java.io.Writer", "java.io.RandomAccessFile", "java.net.Socket", "java.net.ServerSocket",
            "java.net.DatagramSocket", "java.nio.channels.Channel", "java.nio.channels.Selector",
            "java.util.concurrent.Executor", "java.util.concurrent.Future");

    private static final String BOUND_TO_PROCESS = "is a thread, stream or other resource bound to this process";
    private static final String OPEN_IT_INSIDE = "pass what is needed to open it (a path, a URL, a host and port)"
            + " and open it inside the task";
    private static final String DECLARE_CONCRETE = "declare a concrete carriable type: a record, an enum, a String,"
            + " a List, Set or Map of them, or a java.io.Serializable class";
    private static final String BOUND_IT = "bound it by a single carriable type, e.g. <T extends java.io.Serializable>";

    private final Elements elements;
    private final Types types;
    private final TypeMirror serializable;
    private final TypeElement list;
    private final TypeElement set;
    private final TypeElement map;
    private final TypeElement collection;

    CarriableTypes(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
        this.serializable = elements.getTypeElement("java.io.Serializable").asType();
        this.list = elements.getTypeElement("java.util.List");
        this.set = elements.getTypeElement("java.util.Set");
        this.map = elements.getTypeElement("java.util.Map");
        this.collection = elements.getTypeElement("java.util.Collection");
    }

    /**
     * Checks that {@code type} can be sent to a child JVM and back.
     *
     * @return empty if it can; otherwise the first part of it that cannot
     */
    Optional<WireProblem> check(TypeMirror type) {
        return new Check().type(type, "", 0);
    }

    /**
     * One check of one type: remembers the records it is inside of, so that a record that
     * contains itself, directly or through a collection, is not checked forever.
     */
    private final class Check {
        private final Set<String> recordsEntered = new HashSet<>();

        Optional<WireProblem> type(TypeMirror type, String path, int depth) {
            if (depth > MAX_DEPTH) {
                return Optional.empty();
            }
            switch (type.getKind()) {
                case BOOLEAN: case BYTE: case SHORT: case CHAR: case INT: case LONG: case FLOAT: case DOUBLE:
                case VOID:
                    return Optional.empty();
                case ARRAY:
                    return type(((ArrayType) type).getComponentType(), child(path, "[]"), depth + 1);
                case TYPEVAR:
                    return typeVariable((TypeVariable) type, path, depth);
                case DECLARED:
                    return declared((DeclaredType) type, path, depth);
                case ERROR:
                    return Optional.of(WireProblem.unresolved(type));
                default:
                    // Intersections, unions and the like: only reachable through bounds, which
                    // typeVariable refuses first; refuse rather than guess.
                    return Optional.of(WireProblem.of(path, type,
                            "says nothing the wire can check", DECLARE_CONCRETE));
            }
        }

        private Optional<WireProblem> typeVariable(TypeVariable variable, String path, int depth) {
            TypeMirror bound = variable.getUpperBound();
            if (bound.getKind() == TypeKind.INTERSECTION || TypeVariables.mentionsAny(bound)) {
                // The dispatcher calls a generic method by casting each argument to the bound;
                // several bounds, or a bound such as Comparable<T>, have no single type to cast to.
                return Optional.of(WireProblem.of(path, variable,
                        "is a type variable with several bounds or a bound that refers to a type variable,"
                                + " which the generated code cannot call the method with",
                        BOUND_IT));
            }
            if (isObject(bound)) {
                return Optional.of(WireProblem.of(path, variable,
                        "is a type variable without a bound, so it could be anything", BOUND_IT));
            }
            Optional<WireProblem> boundProblem = type(bound, "", depth + 1);
            if (boundProblem.isPresent() && !boundProblem.get().unresolved()) {
                WireProblem problem = boundProblem.get();
                String boundReason = problem.type() == bound
                        ? problem.reason()
                        : "contains " + ReadableTypes.describe(problem.type()) + ", which " + problem.reason();
                return Optional.of(WireProblem.of(path, variable, "is a type variable bounded by "
                        + ReadableTypes.describe(bound) + ", which " + boundReason, BOUND_IT));
            }
            return boundProblem;
        }

        private Optional<WireProblem> declared(DeclaredType type, String path, int depth) {
            TypeElement element = (TypeElement) type.asElement();
            String name = element.getQualifiedName().toString();
            if (SIMPLE_VALUES.contains(name) || element.getKind() == ElementKind.ENUM || isObject(type)) {
                return Optional.empty();
            }
            if (element.equals(list) || element.equals(set)) {
                if (isRaw(type)) {
                    return Optional.of(raw(path, type, "give the element type, e.g. "
                            + element.getSimpleName() + "<String>"));
                }
                return typeArgument(type.getTypeArguments().get(0), child(path, "[]"), depth);
            }
            if (element.equals(map)) {
                if (isRaw(type)) {
                    return Optional.of(raw(path, type, "give the key and value types, e.g. Map<String, Integer>"));
                }
                return typeArgument(type.getTypeArguments().get(0), child(path, "[key]"), depth)
                        .or(() -> typeArgument(type.getTypeArguments().get(1), child(path, "[value]"), depth));
            }
            if (RuntimeNames.SHARED_TYPES.contains(name) || ManagedAnnotation.isManagedInterface(element)) {
                if (isRaw(type)) {
                    return Optional.of(raw(path, type, "give its type argument, e.g. "
                            + element.getSimpleName() + "<String>"));
                }
                return typeArguments(type.getTypeArguments(), child(path, "[]"), depth);
            }
            if (element.getKind() == ElementKind.RECORD) {
                return record(type, element, path, depth);
            }
            if (types.isAssignable(types.erasure(type), serializable)) {
                return serializable(type, element, path, depth);
            }
            return Optional.of(refused(type, element, path));
        }

        private Optional<WireProblem> record(DeclaredType type, TypeElement record, String path, int depth) {
            if (isRaw(type)) {
                return Optional.of(raw(path, type, "give its type arguments"));
            }
            if (!recordsEntered.add(type.toString())) {
                return Optional.empty(); // checked already, or being checked further up: a cycle
            }
            String prefix = path.isEmpty() ? ReadableTypes.nameOf(record) : path;
            for (RecordComponentElement component : record.getRecordComponents()) {
                Optional<WireProblem> problem = type(componentType(type, component),
                        prefix + "." + component.getSimpleName(), depth + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }

        /**
         * A serializable type is carriable; a serializable collection or map (ArrayList,
         * TreeMap, ...) only if its elements are, since JDK serialization fails on the elements
         * at run time otherwise.
         */
        private Optional<WireProblem> serializable(DeclaredType type, TypeElement element, String path, int depth) {
            boolean isMap = types.isSubtype(types.erasure(type), types.erasure(map.asType()));
            boolean isCollection = types.isSubtype(types.erasure(type), types.erasure(collection.asType()));
            if (!isMap && !isCollection) {
                return Optional.empty();
            }
            if (isRaw(type)) {
                return Optional.of(raw(path, type, isMap
                        ? "give the key and value types, e.g. " + element.getSimpleName() + "<String, Integer>"
                        : "give the element type, e.g. " + element.getSimpleName() + "<String>"));
            }
            DeclaredType view = supertype(type, isMap ? map : collection);
            if (view == null || view.getTypeArguments().isEmpty()) {
                return Optional.empty();
            }
            return isMap
                    ? typeArgument(view.getTypeArguments().get(0), child(path, "[key]"), depth)
                            .or(() -> typeArgument(view.getTypeArguments().get(1), child(path, "[value]"), depth))
                    : typeArgument(view.getTypeArguments().get(0), child(path, "[]"), depth);
        }

        private Optional<WireProblem> typeArguments(List<? extends TypeMirror> arguments, String path, int depth) {
            for (TypeMirror argument : arguments) {
                Optional<WireProblem> problem = typeArgument(argument, path, depth);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }

        /** A type argument: {@code ? extends X} carries what X carries; {@code ?} and {@code ? super X} could be anything. */
        private Optional<WireProblem> typeArgument(TypeMirror argument, String path, int depth) {
            if (argument.getKind() != TypeKind.WILDCARD) {
                return type(argument, path, depth + 1);
            }
            WildcardType wildcard = (WildcardType) argument;
            if (wildcard.getExtendsBound() != null) {
                return type(wildcard.getExtendsBound(), path, depth + 1);
            }
            return Optional.of(WireProblem.of(path, wildcard, "could be anything", DECLARE_CONCRETE));
        }
    }

    /** Classifies a type that is none of the carriable kinds, so that the fix fits the mistake. */
    private WireProblem refused(DeclaredType type, TypeElement element, String path) {
        for (String processBound : PROCESS_BOUND) {
            if (isSubtypeOf(type, processBound)) {
                return WireProblem.of(path, type, BOUND_TO_PROCESS, OPEN_IT_INSIDE);
            }
        }
        if (isSubtypeOf(type, "java.util.stream.BaseStream") || isSubtypeOf(type, "java.util.Iterator")
                || isSubtypeOf(type, "java.util.Spliterator")) {
            return WireProblem.of(path, type, "is consumed lazily in this process",
                    "collect it into a List or a Set before the call");
        }
        if (element.getQualifiedName().toString().startsWith("java.util.Optional")) {
            return WireProblem.of(path, type, "is not one of the containers the wire carries (List, Set and Map)",
                    "pass the value itself (null when absent), or declare it as a List or a Set");
        }
        if (isSubtypeOf(type, "java.util.Map")) {
            return WireProblem.of(path, type, "is not one of the maps the wire carries",
                    "declare it as a Map, or as a java.io.Serializable map such as TreeMap");
        }
        if (isSubtypeOf(type, "java.lang.Iterable")) {
            return WireProblem.of(path, type, "is not one of the collections the wire carries (List, Set and Map)",
                    "declare it as a List or a Set");
        }
        if (isSubtypeOf(type, "java.lang.AutoCloseable")) {
            return WireProblem.of(path, type, BOUND_TO_PROCESS, OPEN_IT_INSIDE);
        }
        if (element.getKind() == ElementKind.INTERFACE && elements.isFunctionalInterface(element)) {
            return WireProblem.of(path, type, "is a function type, and a lambda cannot cross a process boundary",
                    "pass the data and call the function inside the task");
        }
        if (element.getKind().isInterface()) {
            return WireProblem.of(path, type, "is an interface that does not extend java.io.Serializable",
                    DECLARE_CONCRETE);
        }
        return WireProblem.of(path, type, "is neither a record nor java.io.Serializable",
                "make it a record or implement java.io.Serializable");
    }

    private WireProblem raw(String path, DeclaredType type, String fix) {
        return WireProblem.of(path, type, "is a raw type, so its elements could be anything", fix);
    }

    private TypeMirror componentType(DeclaredType record, RecordComponentElement component) {
        ExecutableElement accessor = component.getAccessor();
        if (accessor == null) {
            return component.asType();
        }
        // As a member of the record type as used, so that Pair<String, Integer> checks String
        // and Integer, not A and B.
        return ((ExecutableType) types.asMemberOf(record, accessor)).getReturnType();
    }

    /** {@code target} as a supertype of {@code type}, with its type arguments as {@code type} binds them. */
    private DeclaredType supertype(DeclaredType type, TypeElement target) {
        Queue<TypeMirror> queue = new ArrayDeque<>(List.of(type));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            TypeMirror next = queue.remove();
            if (next instanceof DeclaredType declared && declared.asElement().equals(target)) {
                return declared;
            }
            if (seen.add(next.toString())) {
                queue.addAll(types.directSupertypes(next));
            }
        }
        return null;
    }

    private static boolean isRaw(DeclaredType type) {
        return type.getTypeArguments().isEmpty()
                && !((TypeElement) type.asElement()).getTypeParameters().isEmpty();
    }

    private boolean isSubtypeOf(DeclaredType type, String qualifiedName) {
        TypeElement supertype = elements.getTypeElement(qualifiedName);
        return supertype != null && types.isSubtype(types.erasure(type), types.erasure(supertype.asType()));
    }

    private static boolean isObject(TypeMirror type) {
        return type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals("java.lang.Object");
    }

    private static String child(String path, String step) {
        return path.isEmpty() ? "" : path + step;
    }
}
