/** The parent's side of a child JVM: its command line, its launch, its channel and its output. */
package io.multiprocessing4j.internal.launch;
