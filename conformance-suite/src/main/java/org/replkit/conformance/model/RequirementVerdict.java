package org.replkit.conformance.model;

import java.util.List;
import org.replkit.spec.Outcome;
import org.replkit.spec.Requirement;

/**
 * The outcome of one requirement for one endpoint, folded from its checks: failed when any check
 * failed, else cantTell when any could not tell, else passed; inapplicable when none could apply.
 *
 * @param reason why it failed, could not tell or was inapplicable (the deciding check's message)
 */
public record RequirementVerdict(Requirement requirement, String endpoint, Outcome outcome, String reason,
                                 List<CheckOutcome> checks) {

    public RequirementVerdict {
        checks = List.copyOf(checks);
    }

    public static RequirementVerdict fold(Requirement requirement, String endpoint, List<CheckOutcome> checks) {
        Outcome outcome = Outcome.INAPPLICABLE;
        CheckOutcome deciding = null;
        for (CheckOutcome c : checks) {
            if (deciding == null || Outcome.worse(outcome, c.outcome()) != outcome) {
                outcome = Outcome.worse(outcome, c.outcome());
                deciding = c;
            }
        }
        String reason = deciding == null ? "no check ran" : outcome == Outcome.PASSED ? null : deciding.message();
        return new RequirementVerdict(requirement, endpoint, outcome, reason, checks);
    }

    public String id() {
        return requirement.id();
    }

    /** "SYNC-IDEM-03 [patterns]": the name of this verdict in every report. */
    public String name() {
        return requirement.id() + " [" + endpoint + "]";
    }

    /** The check that decided the outcome: the first that failed or could not tell. */
    public CheckOutcome deciding() {
        return checks.stream().filter(c -> c.outcome() == outcome).findFirst().orElse(checks.isEmpty() ? null : checks.get(0));
    }

    public String blockedBy() {
        CheckOutcome d = deciding();
        return d == null ? null : d.blockedBy();
    }

    public List<Exchange> evidence() {
        CheckOutcome d = deciding();
        return d == null || outcome == Outcome.PASSED ? List.of() : d.evidence();
    }

    /** Every failing case of the verdict's checks, the deciding one first; empty unless it failed. */
    public List<FailingCase> failingCases() {
        if (outcome != Outcome.FAILED) {
            return List.of();
        }
        return checks.stream().filter(c -> c.outcome() == Outcome.FAILED).flatMap(c -> c.failingCases().stream()).toList();
    }

    /** How many cases the verdict's checks ran. */
    public int casesRun() {
        return checks.stream().mapToInt(CheckOutcome::casesRun).sum();
    }

    /** "3 of 14 cases failed", for a failed verdict. */
    public String casesLine() {
        int failed = failingCases().size();
        int run = Math.max(casesRun(), failed);
        return failed + " of " + run + " case" + (run == 1 ? "" : "s") + " failed";
    }

    public long millis() {
        return checks.stream().mapToLong(CheckOutcome::millis).sum();
    }
}
