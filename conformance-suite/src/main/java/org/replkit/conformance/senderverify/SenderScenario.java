package org.replkit.conformance.senderverify;

import java.util.Optional;

/**
 * One scenario of kit verify-sender, owned by exactly one requirement (SND-*): it commits rows of
 * its own, scripts how the receivers answer them, and judges what arrives. Adding a scenario is one
 * class extending this and one line in {@link SenderScenarios}.
 */
public abstract class SenderScenario {

    private final String requirementId;
    private final Phase phase;
    private final String title;

    /**
     * @param requirementId the requirement it judges, e.g. "SND-RETRY-01"
     * @param title what it does, in a sentence, for the reports
     */
    protected SenderScenario(String requirementId, Phase phase, String title) {
        this.requirementId = requirementId;
        this.phase = phase;
        this.title = title;
    }

    public final String requirementId() {
        return requirementId;
    }

    public final String title() {
        return title;
    }

    public final Phase phase() {
        return phase;
    }

    /**
     * Why it cannot apply to this sender (for example no --restart-cmd), or empty. The {@link Phase#AUDIT}
     * scenarios read the sender's status functions, so they need its replication schema.
     */
    public Optional<String> inapplicable(ScenarioContext context) {
        return phase != Phase.AUDIT || context.hasReplicationSchema() ? Optional.empty()
                : Optional.of("the sender has no replication schema (replication.get_instance_status, get_queue_stats)");
    }

    /**
     * Runs the scenario and judges it. A {@link org.replkit.conformance.model.CannotTell} it throws is
     * its cantTell; other exceptions are the kit's trouble: cantTell too.
     */
    public abstract Judgement run(ScenarioContext context) throws Exception;
}
