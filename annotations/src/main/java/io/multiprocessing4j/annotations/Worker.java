package io.multiprocessing4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method as the body of a child process, the counterpart of Python's
 * {@code multiprocessing.Process(target=f, args=...)}.
 *
 * <p>For a class {@code Foo} the annotation processor generates {@code FooWorkers} in the same
 * package, with one static factory per {@code @Worker} method: same name, same parameters,
 * returning an unstarted {@code io.multiprocessing4j.ChildProcess}. For a nested class
 * {@code Outer.Inner} the generated class is {@code Outer_InnerWorkers}.
 *
 * <pre>{@code
 * class Doubler {
 *     @Worker static void worker(int num) { System.out.println(num * 2); }
 * }
 * ChildProcess p = DoublerWorkers.worker(3).name("process-3").start();
 * p.join();
 * }</pre>
 *
 * <p>Rules, checked at compile time (each violation is an error on the offending element that
 * names the rule and the fix):
 * <ul>
 *   <li>the method is {@code static} and not {@code private};
 *   <li>the method and every enclosing class are reachable from a class generated in the same
 *       package: no {@code private} enclosing class, no local or anonymous class;
 *   <li>every parameter has a type the wire can carry: primitives and their boxes,
 *       {@code String}, enums, records and arrays of carriable types, {@code List}, {@code Set}
 *       and {@code Map} of carriable types, or any {@code java.io.Serializable} type. Lambdas,
 *       threads, streams and other non-serializable types are refused;
 *   <li>a type variable is allowed only when its bound is carriable.
 * </ul>
 *
 * <p>The return value of a worker, if any, is ignored, as in Python. The child exits with code 0
 * when the method returns, with the code passed to {@code System.exit}, or with 1 after an
 * uncaught exception, whose stack trace is printed on the child's standard error. A method that
 * carries both {@code @Worker} and {@link PoolTask} gets both factories.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Worker {}
