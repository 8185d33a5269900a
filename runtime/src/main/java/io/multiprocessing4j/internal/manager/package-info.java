/**
 * The Manager: a server process that holds objects (maps, lists, queues, locks, user types
 * annotated {@code @Managed}) and the clients' proxies that call them.
 *
 * <h2>What lives here</h2>
 * <ul>
 *   <li>{@link io.multiprocessing4j.internal.manager.ManagedCalls},
 *       {@link io.multiprocessing4j.internal.manager.ManagedProxy} and
 *       {@link io.multiprocessing4j.internal.manager.ManagedDispatcher}: the seam between the
 *       code the processor generates for a {@code @Managed} interface and this runtime.</li>
 * </ul>
 *
 * <h2>Threads and locks</h2>
 * The seam's types hold no state of their own.
 */
package io.multiprocessing4j.internal.manager;
