package org.replkit.conformance.model;

import java.util.List;
import org.replkit.spec.Outcome;

/**
 * The result of one check run against one endpoint.
 *
 * @param check     the check's name (its class and method, for the report)
 * @param title     what the check does, in a sentence
 * @param message   why it failed, could not tell or was inapplicable; null when it passed
 * @param expected  for a failure: what the rule asks for, when the check can say it in a few words; else null
 * @param actual    for a failure: what was seen instead; else null
 * @param blockedBy for cantTell: the requirement that keeps this one from being judged, or null
 * @param example   for a generated example that failed: the smallest one, as JSON or a sequence; else null
 * @param evidence  the requests and answers that show the failure; empty when it passed
 * @param casesRun  how many cases the check ran (1 for a check of one case; 0 when it did not run)
 * @param failingCases every failing case, the deciding one first; empty unless it failed
 */
public record CheckOutcome(String requirementId, String endpoint, String check, String title, Outcome outcome,
                           String message, String expected, String actual, String blockedBy, String example, List<Exchange> evidence, long millis,
                           int casesRun, List<FailingCase> failingCases) {

    public CheckOutcome {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        failingCases = failingCases == null ? List.of() : List.copyOf(failingCases);
    }

    public static CheckOutcome of(String requirementId, String endpoint, Outcome outcome, String message) {
        return new CheckOutcome(requirementId, endpoint, "-", "-", outcome, message, null, null, null, null, List.of(), 0, 0, List.of());
    }
}
