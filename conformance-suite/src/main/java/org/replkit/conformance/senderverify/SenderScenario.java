package org.replkit.conformance.senderverify;

import java.util.Optional;

/**
 * One scenario of kit verify-sender, owned by exactly one requirement (SND-*): it commits rows of
 * its own, scripts how the receivers answer them, and judges what arrives. Adding a scenario is one
 * class implementing this and one line in {@link SenderScenarios}.
 */
public interface SenderScenario {

    /** The requirement it judges, e.g. "SND-RETRY-01". */
    String requirementId();

    /** What it does, in a sentence, for the reports. */
    String title();

    Phase phase();

    /** Why it cannot apply to this sender (for example no --restart-cmd), or empty. */
    default Optional<String> inapplicable(ScenarioContext context) {
        return Optional.empty();
    }

    /** Runs the scenario and judges it. Exceptions are the kit's trouble: cantTell. */
    Judgement run(ScenarioContext context) throws Exception;
}
