/** The bytes between a parent and its children: frames, the handshake, and the value codec. */
package io.multiprocessing4j.internal.wire;
