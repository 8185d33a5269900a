package io.multiprocessing4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method as a task that a {@code io.multiprocessing4j.Pool} can run in one of its
 * worker processes, the counterpart of the function passed to Python's {@code Pool.map} or
 * {@code Pool.apply}.
 *
 * <p>For a class {@code Foo} the annotation processor generates {@code FooTasks} in the same
 * package, with one static factory per {@code @PoolTask} method: same name, same parameters,
 * returning a {@code io.multiprocessing4j.Task<R>}, where {@code R} is the method's return type
 * boxed ({@code Void} for {@code void}). A task is a bound call: which method, with which
 * arguments. It runs only when handed to a pool. For a nested class {@code Outer.Inner} the
 * generated class is {@code Outer_InnerTasks}.
 *
 * <pre>{@code
 * class Doubler {
 *     @PoolTask static int square(int x) { return x * x; }
 * }
 * try (Pool pool = Pool.create(4)) {
 *     List<Integer> squares = pool.map(DoublerTasks::square, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * <p>Rules, checked at compile time (each violation is an error on the offending element that
 * names the rule and the fix):
 * <ul>
 *   <li>the method is {@code static} and not {@code private};
 *   <li>the method and every enclosing class are reachable from a class generated in the same
 *       package: no {@code private} enclosing class, no local or anonymous class;
 *   <li>every parameter and the return type have a type the wire can carry: primitives and their
 *       boxes, {@code String}, enums, records and arrays of carriable types, {@code List},
 *       {@code Set} and {@code Map} of carriable types, or any {@code java.io.Serializable}
 *       type. Lambdas, threads, streams and other non-serializable types are refused;
 *   <li>a type variable is allowed only when its bound is carriable.
 * </ul>
 *
 * <p>An exception thrown by the method reaches the caller as a
 * {@code io.multiprocessing4j.TaskFailedException} whose cause is the original exception rebuilt
 * in the parent. A method that carries both {@link Worker} and {@code @PoolTask} gets both
 * factories; a {@code void} pool task is also usable as a pool initializer.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PoolTask {}
