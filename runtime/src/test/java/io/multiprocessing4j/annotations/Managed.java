package io.multiprocessing4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * STAND-IN, test sources only: the contract's {@code @Managed}, which branch {@code managed}
 * adds to the annotations module. Delete this file once it has landed there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Managed {}
