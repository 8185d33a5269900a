/** The engine behind Pool: units of work, workers, dispatch, deaths, deadlines and cancellation. */
package io.multiprocessing4j.internal.pool;
