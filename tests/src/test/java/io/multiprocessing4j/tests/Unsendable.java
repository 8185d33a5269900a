package io.multiprocessing4j.tests;

import io.multiprocessing4j.annotations.Worker;
import java.io.Serializable;

/** A worker whose argument compiles (it is Serializable) but cannot be serialized at run time. */
public class Unsendable {

    /** Serializable on paper; its field holds whatever it is given, here a Thread. */
    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final String label;
        @SuppressWarnings("serial") // on purpose: what it holds need not be serializable
        final Object payload;

        Holder(String label, Object payload) {
            this.label = label;
            this.payload = payload;
        }
    }

    @Worker
    static void ship(int count, Holder holder) {
        System.out.println("must never run: " + count + " " + holder.label);
    }
}
