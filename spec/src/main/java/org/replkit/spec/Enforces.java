package org.replkit.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the code that enforces requirements of spec/requirements.yaml where no single call carries
 * the id (an upsert's ordering rule, an error mapper, a pool's timeouts), so that grepping an id
 * lands on the code and not on a comment. RequirementTraceTest accepts ids only as string literals.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Enforces {

    /** The requirement ids, e.g. {@code "SYNC-IDEM-02"}. */
    String[] value();
}
