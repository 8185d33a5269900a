/**
 * Memory shared between the processes of one program.
 *
 * <ul>
 *   <li>{@link io.multiprocessing4j.internal.shm.ProgramDirectory}: where a program's segments
 *       live, how children learn it, and how it is removed (at the root's exit, or by the next
 *       program after a {@code kill -9}).
 *   <li>{@link io.multiprocessing4j.internal.shm.Segment}: one mapped file, created by any process
 *       of the program and opened by name by the others.
 * </ul>
 *
 * <p>Threads: any thread creates and opens segments; {@code ProgramDirectory} creates the
 * directory once under its class lock, which is the only lock in this package and is never held
 * while calling out. Memory inside a segment is read and written with absolute access and
 * {@code VarHandle}s; its layout and its concurrency protocol belong to whoever created it.
 */
package io.multiprocessing4j.internal.shm;
