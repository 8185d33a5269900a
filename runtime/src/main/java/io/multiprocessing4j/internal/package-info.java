/** The runtime's internals: not an API; public only where generated code or another internal package needs it. */
package io.multiprocessing4j.internal;
