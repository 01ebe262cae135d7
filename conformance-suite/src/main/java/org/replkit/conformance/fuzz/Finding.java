package org.replkit.conformance.fuzz;

import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.records.ValueClass;
import org.replkit.spec.Level;

/**
 * One answer that breaks a rule: what sort of trouble, the one requirement that judges it, and the
 * evidence.
 *
 * @param expected what the contract says about the request (see {@link Oracle})
 * @param exchange the request as sent (secrets redacted) and what came back
 */
public record Finding(FindingKind kind, String requirementId, Level level, String message, ValueClass expected,
                     FuzzCase fuzzCase, Exchange exchange) {
}
