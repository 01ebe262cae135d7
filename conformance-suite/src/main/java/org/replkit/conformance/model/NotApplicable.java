package org.replkit.conformance.model;

/**
 * Thrown where the receiver gave nothing a rule is about (a rule on how refusals look, against a
 * receiver that refused nothing): the outcome is {@link org.replkit.spec.Outcome#INAPPLICABLE}, as EARL has it, "the
 * test criterion is not applicable to the given subject".
 */
public final class NotApplicable extends RuntimeException {

    public NotApplicable(String reason) {
        super(reason, null, false, false);
    }
}
