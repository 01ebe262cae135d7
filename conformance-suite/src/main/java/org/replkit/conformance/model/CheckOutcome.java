package org.replkit.conformance.model;

import java.util.List;

/**
 * The result of one check run against one endpoint.
 *
 * @param check    the check's name (its class and method, for the report)
 * @param title    what the check does, in a sentence
 * @param message  why it failed or was skipped; null when it passed
 * @param evidence the requests and answers that show the failure; empty when it passed
 */
public record CheckOutcome(String requirementId, String endpoint, String check, String title, Verdict verdict,
                           String message, List<Exchange> evidence, long millis) {

    public CheckOutcome {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
