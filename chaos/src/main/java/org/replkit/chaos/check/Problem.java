package org.replkit.chaos.check;

import java.util.UUID;

/**
 * One thing a property found wrong, with expected and actual as separate values.
 *
 * @param kind     a short class of problem, e.g. "lost", "stale", "not final", "retry too early"
 * @param lane     the receiver instance concerned, or null
 * @param recordId the record concerned, or null
 * @param expected what should have been
 * @param actual   what was observed
 */
public record Problem(String kind, String lane, UUID recordId, String expected, String actual) {

    public String describe() {
        return kind + (lane == null ? "" : " on " + lane) + (recordId == null ? "" : " " + recordId)
                + ": expected " + expected + ", got " + actual;
    }
}
