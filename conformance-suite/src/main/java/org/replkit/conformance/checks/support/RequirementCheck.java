package org.replkit.conformance.checks.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.replkit.spec.Level;

/**
 * Marks the check of one catalogue requirement. The runner calls it once per endpoint the
 * requirement applies to, with a {@link ReceiverUnderTest} or {@link StatusEndpoint} for that endpoint; it is
 * inapplicable (with the reason) when the endpoint's URL or something the requirement needs is not
 * given. The level restates the catalogue's, so the code reads like the report; a test keeps the two
 * equal.
 *
 * A check passes by returning, fails by throwing {@link CheckFailure}, and cannot tell by throwing
 * {@link org.replkit.conformance.model.CannotTell}; anything else it throws is the kit's own
 * trouble and also ends as cannot tell, never as the receiver's failure.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequirementCheck {

    /** The requirement's id in spec/requirements.yaml. */
    String id();

    Level level();

    /** What this check does, in a short sentence for the progress lines and the report. */
    String title();

    /**
     * True for the timeliness checks, which judge late answers themselves. Every other check ends as
     * cannot tell at the first answer that comes after the sender's timeout.
     */
    boolean judgesLateness() default false;
}
