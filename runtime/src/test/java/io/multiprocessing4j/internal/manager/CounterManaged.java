package io.multiprocessing4j.internal.manager;

/**
 * Hand-written copy of the code the processor generates for {@link Counter}
 * (the contract's shape: a public static DISPATCHER, a proxy implementing the interface and
 * ManagedProxy). Written by hand because the runtime's tests cannot run the processor: the
 * processor module depends on the runtime.
 */
public final class CounterManaged {

    /** What the runtime reads. */
    public static final ManagedDispatcher DISPATCHER = new Dispatcher();

    private CounterManaged() {}

    private static final class Dispatcher implements ManagedDispatcher {
        @Override
        public Class<?> type() {
            return Counter.class;
        }

        @Override
        public Object invoke(Object target, int method, Object[] arguments) throws Throwable {
            Counter counter = (Counter) target;
            switch (method) {
                case 0: return counter.add((Integer) arguments[0]);
                case 1: return counter.describe((String) arguments[0]);
                case 2: counter.fail((String) arguments[0]); return null;
                default: throw new IllegalArgumentException("Counter has no method " + method);
            }
        }

        @Override
        public Object proxy(ManagedCalls calls) {
            return new Proxy(calls);
        }
    }

    private static final class Proxy implements Counter, ManagedProxy {
        private final ManagedCalls calls;

        Proxy(ManagedCalls calls) {
            this.calls = calls;
        }

        @Override
        public ManagedCalls managedCalls() {
            return calls;
        }

        @Override
        public int add(int delta) {
            return (Integer) calls.call(0, "Counter.add", new Object[] {delta});
        }

        @Override
        public String describe(String prefix) {
            return (String) calls.call(1, "Counter.describe", new Object[] {prefix});
        }

        @Override
        public void fail(String message) {
            calls.call(2, "Counter.fail", new Object[] {message});
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ManagedProxy && ((ManagedProxy) other).managedCalls().equals(calls);
        }

        @Override
        public int hashCode() {
            return calls.hashCode();
        }

        @Override
        public String toString() {
            return "Counter@" + calls;
        }
    }
}
