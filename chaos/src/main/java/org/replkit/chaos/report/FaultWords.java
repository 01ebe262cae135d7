package org.replkit.chaos.report;

/** How the report words a fault's parameter, shared by the timeline and the fault table. */
final class FaultWords {

    private FaultWords() {
    }

    /** A fault's parameter in words: a latency's hold, an overload's Retry-After; empty when it has none. */
    static String parameter(String kind, Long delayMs, String prefix) {
        if (delayMs == null) {
            return "";
        }
        return prefix + (kind.equals("overload") ? "Retry-After: " + delayMs / 1000 + " s" : "each request held " + delayMs + " ms");
    }
}
