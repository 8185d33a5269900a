package io.multiprocessing4j.internal.manager;

/** A server object in which a client can hold something (a lock, permits) that its end gives back. */
interface ClientHolds {

    /** Gives back whatever client {@code client} holds: it has disconnected or died. */
    void clientGone(long client);
}
