package org.replkit.conformance.model;

import java.util.List;
import org.replkit.spec.Requirement;

/**
 * The verdict on one requirement for one endpoint, folded from its checks: fail when any check
 * failed, pass when at least one passed and none failed, skipped otherwise.
 *
 * @param reason why it failed or was skipped (the first failing or skipping check's message)
 */
public record RequirementVerdict(Requirement requirement, String endpoint, Verdict verdict, String reason,
                                 List<CheckOutcome> checks) {

    public RequirementVerdict {
        checks = List.copyOf(checks);
    }

    public static RequirementVerdict fold(Requirement requirement, String endpoint, List<CheckOutcome> checks) {
        for (CheckOutcome c : checks) {
            if (c.verdict() == Verdict.FAIL) {
                return new RequirementVerdict(requirement, endpoint, Verdict.FAIL, c.message(), checks);
            }
        }
        if (checks.stream().anyMatch(c -> c.verdict() == Verdict.PASS)) {
            return new RequirementVerdict(requirement, endpoint, Verdict.PASS, null, checks);
        }
        String reason = checks.isEmpty() ? "no check ran" : checks.get(0).message();
        return new RequirementVerdict(requirement, endpoint, Verdict.SKIPPED, reason, checks);
    }

    public String id() {
        return requirement.id();
    }

    public long millis() {
        return checks.stream().mapToLong(CheckOutcome::millis).sum();
    }
}
