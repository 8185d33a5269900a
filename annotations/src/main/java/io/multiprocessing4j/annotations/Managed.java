package io.multiprocessing4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose implementation lives in a {@code io.multiprocessing4j.Manager}'s
 * server process and is used from other processes through a proxy: the counterpart of a class
 * registered with Python's {@code BaseManager.register(typeid, callable)}.
 *
 * <p>For an interface {@code Foo} the annotation processor generates {@code FooManaged} in the
 * same package (for a nested {@code Outer.Foo}, {@code Outer_FooManaged}). It holds, without any
 * reflection, a proxy class that implements {@code Foo} and turns each call into a message to the
 * server, and a dispatcher that the server uses to call the implementation. It is not for direct
 * use: a manager finds it when the interface is registered.
 *
 * <pre>{@code
 * @Managed
 * public interface Counter {
 *     int add(int delta);
 *     List<String> history();
 * }
 *
 * public class CounterImpl implements Counter {
 *     private int total;
 *     private final List<String> history = new ArrayList<>();
 *     public int add(int delta) { history.add("+" + delta); return total += delta; }
 *     public List<String> history() { return history; }
 * }
 *
 * try (Manager manager = Manager.builder().register(Counter.class, CounterImpl.class).start()) {
 *     Counter counter = manager.create(Counter.class);   // a proxy; CounterImpl lives in the server
 *     counter.add(5);                                    // runs in the server process
 *     CountingWorkers.count(counter).start();            // the proxy travels as a handle
 * }
 * }</pre>
 *
 * <p>What is proxied: every abstract method of the interface, its own and those it inherits from
 * its superinterfaces. Each call is one round trip to the server; how the server orders calls
 * from several clients is the {@code Manager}'s to say. Arguments and results are copied, as a task's are: a
 * list returned by {@code history()} is the server's list as it was, and changing it changes
 * nothing in the server. A {@code default} method is not proxied: it runs in the calling process
 * and reaches the server through the abstract methods it calls. {@code static} methods are not
 * proxied either. {@code equals}, {@code hashCode} and {@code toString} of a proxy are local: two
 * proxies are equal when they stand for the same object of the same server, and
 * {@code toString()} names the interface and the object, not the server object's own
 * {@code toString()}; declare a method such as {@code String describe()} to get that.
 *
 * <p>Failures: an exception thrown by the implementation reaches the caller as an unchecked
 * {@code io.multiprocessing4j.RemoteException}, also when it is a checked exception the method
 * declares (the interface may declare checked exceptions; they are not thrown as such). A call
 * whose server has died or is unreachable fails with an unchecked exception that says the
 * manager is gone; it never hangs.
 *
 * <p>Rules, checked at compile time (each violation is an error on the offending element that
 * names the rule and the fix):
 * <ul>
 *   <li>the annotated type is an interface: not a class, an enum, a record or an annotation
 *       type, not {@code sealed} (the generated proxy implements it), and not local to a method;
 *   <li>the interface is {@code public}, and so is every class or interface it is nested in:
 *       the server and the generated code must reach it from other packages;
 *   <li>every parameter and result of a proxied method has a type the wire can carry, by the
 *       same rules as a {@link PoolTask}'s: primitives and their boxes, {@code String}, enums,
 *       records and arrays of carriable types, {@code List}, {@code Set} and {@code Map} of
 *       carriable types, the runtime's shared objects, other {@code @Managed} interfaces (they
 *       travel as proxies), {@code Object}, or any {@code java.io.Serializable} type; a type
 *       variable of the interface or of a method is allowed when its bound is carriable;
 *   <li>no method is named {@code managedCalls()} with no parameters: the proxy uses that name;
 *   <li>a concrete class that implements a {@code @Managed} interface must be one the manager
 *       can create with {@code new Impl()}: public (and {@code static} and public all the way out
 *       when nested), with a public no-argument constructor; an enum cannot be one. The processor
 *       checks the top-level and member classes of every compilation it runs in (one with any of
 *       this package's annotations); local and anonymous classes, and classes compiled without
 *       the processor, are checked by the manager when the pair is registered.
 * </ul>
 *
 * <p>A {@code @Managed} interface is itself carriable: a proxy passed to a task, put on a queue
 * or passed to another proxy's method arrives as a proxy to the same server object.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Managed {}
