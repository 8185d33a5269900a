/**
 * The annotation processor for {@code @Worker}, {@code @PoolTask} and {@code @Managed}, in three
 * stages after Dagger's split.
 *
 * <ul>
 *   <li>Validation: {@link io.multiprocessing4j.processor.MethodValidator} (annotated methods),
 *       {@link io.multiprocessing4j.processor.ManagedValidator} ({@code @Managed} interfaces),
 *       {@link io.multiprocessing4j.processor.ImplementationValidator} (their implementations)
 *       and {@link io.multiprocessing4j.processor.LocalClassChecker} (what javac hides from
 *       processors), on the rules of {@link io.multiprocessing4j.processor.CarriableTypes} and
 *       {@link io.multiprocessing4j.processor.Reachability}; every error goes through
 *       {@link io.multiprocessing4j.processor.ErrorReporter}, anchored on its element, held in a
 *       {@link io.multiprocessing4j.processor.Verdict} until the element is not deferred.
 *   <li>Model: {@link io.multiprocessing4j.processor.AnnotatedClass} and
 *       {@link io.multiprocessing4j.processor.ManagedInterface}, built by their factories: names
 *       and types only, no decisions left for generation.
 *   <li>Generation: the {@code *Generator} classes (JavaPoet) and
 *       {@link io.multiprocessing4j.processor.IndexWriter}.
 * </ul>
 *
 * <p>Everything here runs on javac's one processing thread (the local-class check on javac's
 * task-listener callback, the same thread); nothing is shared between compilations but the
 * processor instance javac creates per compilation, so there are no locks. The runtime is named,
 * never linked: {@link io.multiprocessing4j.processor.RuntimeNames}.
 */
package io.multiprocessing4j.processor;
