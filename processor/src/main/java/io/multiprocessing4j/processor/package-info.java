/** The annotation processor for {@code @Worker} and {@code @PoolTask}. */
package io.multiprocessing4j.processor;
