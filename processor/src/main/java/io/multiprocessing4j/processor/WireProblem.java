package io.multiprocessing4j.processor;

import javax.lang.model.type.TypeMirror;

/**
 * Why a type cannot cross the process boundary: the part of it that cannot, where that part sits
 * and what to do about it.
 *
 * @param path where the culprit sits inside the checked type, as a field path such as
 *     {@code Order.customer.address}; empty when it is the checked type itself or an element of it
 * @param type the culprit
 * @param reason why it cannot be carried, as a clause that follows the type's name
 * @param fix what the programmer should do
 * @param unresolved whether the culprit is a type javac could not resolve (yet); such a problem
 *     is not reported, because another processor may generate the type in a later round
 */
record WireProblem(String path, TypeMirror type, String reason, String fix, boolean unresolved) {

    static WireProblem of(String path, TypeMirror type, String reason, String fix) {
        return new WireProblem(path, type, reason, fix, false);
    }

    static WireProblem unresolved(TypeMirror type) {
        return new WireProblem("", type, "could not be resolved", "check its name and that its class is on the classpath", true);
    }

    /**
     * Explains the problem for a message about {@code checked}, the type that was checked:
     * "Thread is a thread, ...", "Order.customer.address has type Foo, which is ..." or
     * "it contains Runnable, which is ...", each followed by the fix.
     */
    String explain(TypeMirror checked) {
        String culprit = ReadableTypes.describe(type);
        if (type == checked) {
            return culprit + " " + reason + ": " + fix;
        }
        if (!path.isEmpty()) {
            return path + " has type " + culprit + ", which " + reason + ": " + fix;
        }
        return "it contains " + culprit + ", which " + reason + ": " + fix;
    }
}
