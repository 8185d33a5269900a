package io.multiprocessing4j.internal.manager;

/** Who holds a manager's lock: a thread (by id) of a client process (by its attached id). */
record Owner(long client, long thread) {}
