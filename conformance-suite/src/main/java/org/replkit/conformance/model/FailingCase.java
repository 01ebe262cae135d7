package org.replkit.conformance.model;

import java.util.List;

/**
 * One failing case of a check (one violation, one client mistake): its own reason, expected and
 * actual values, smallest example and evidence.
 *
 * @param name     the case in a few words, e.g. "p50 is above p95"; the check's name for a check of one case
 * @param message  why it failed
 * @param expected what the rule asks for, or null
 * @param actual   what was seen instead, or null
 * @param example  the smallest generated example that fails, or null
 * @param evidence the requests and answers that show it
 */
public record FailingCase(String name, String message, String expected, String actual, String example, List<Exchange> evidence) {

    public FailingCase {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
