package io.multiprocessing4j.internal.manager;

/** A {@code @Managed} implementation a server holds, with the generated dispatcher that calls it. */
final class ManagedObject {

    private final ManagedDispatcher dispatcher;
    private final Object target;

    ManagedObject(ManagedDispatcher dispatcher, Object target) {
        this.dispatcher = dispatcher;
        this.target = target;
    }

    /** The binary name of the {@code @Managed} interface. */
    String typeName() {
        return dispatcher.type().getName();
    }

    Object call(int method, Object[] arguments) throws Throwable {
        return dispatcher.invoke(target, method, arguments);
    }
}
