package org.replkit.conformance.checks.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.replkit.spec.Level;

/**
 * Marks a check of one catalogue requirement. The check runs once per endpoint the requirement
 * applies to, with a {@link Receiver} or {@link StatusEndpoint} for that endpoint as its parameter,
 * and is skipped (with the reason) when the endpoint's URL or something the requirement needs is
 * not given. The level restates the catalogue's, so the code reads like the report; a test keeps
 * the two equal.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EndpointInvocations.class)
public @interface RequirementCheck {

    /** The requirement's id in spec/requirements.yaml. */
    String id();

    Level level();

    /** What this check does, in a short sentence for the progress lines and the report. */
    String title();
}
