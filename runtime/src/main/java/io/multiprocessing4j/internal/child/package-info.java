/** The child's side: the generic main class every child JVM runs, as JMH's forked main. */
package io.multiprocessing4j.internal.child;
