package io.multiprocessing4j.internal.wire;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * How to take a record apart and put it back together: its component accessors and its canonical
 * constructor, looked up once per class. Records may be nested and non-public, so both are made
 * accessible; that is reflection on the record, never on the user's task method.
 */
final class RecordShape {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final String[] names;
    private final Method[] accessors;
    private final Constructor<?> constructor;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        names = new String[components.length];
        accessors = new Method[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            accessors[i] = components[i].getAccessor();
            makeAccessible(accessors[i]);
            parameterTypes[i] = components[i].getType();
        }
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
            makeAccessible(constructor);
        } catch (NoSuchMethodException e) {
            throw new WireException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    /**
     * A record in a package its module does not open to us (a JDK-internal record named by a
     * corrupt message, or a user record in a named module) made setAccessible throw
     * InaccessibleObjectException, which escaped the encoder and the decoder as is.
     */
    private void makeAccessible(AccessibleObject member) {
        try {
            member.setAccessible(true);
        } catch (InaccessibleObjectException | SecurityException e) {
            throw new WireException("record " + type.getName() + " cannot be taken apart or rebuilt: its package is"
                    + " not open to multiprocessing4j (" + e.getMessage() + ")", e);
        }
    }

    static RecordShape of(Class<?> recordType) {
        return SHAPES.get(recordType);
    }

    int size() {
        return names.length;
    }

    String name(int component) {
        return names[component];
    }

    Object component(Object record, int component) {
        try {
            return accessors[component].invoke(record);
        } catch (InvocationTargetException e) {
            throw new WireException("the accessor " + type.getSimpleName() + "." + names[component]
                    + "() threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new WireException("cannot read " + type.getName() + "." + names[component], e);
        }
    }

    Object construct(Object[] components) {
        try {
            return constructor.newInstance(components);
        } catch (InvocationTargetException e) {
            throw new WireException("the constructor of " + type.getName() + " rejected the values: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new WireException("cannot rebuild " + type.getName() + ": " + e, e);
        }
    }
}
