package org.replkit.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every write carries its own number (seq), in a field the receivers echo in their acknowledgement:
 * a pattern's name is "chaos-&lt;seq&gt;" (echoed as pattern_name), a metrics record's success_rate is
 * seq / 1,000,000 (echoed as success_rate). So an acknowledgement alone says which snapshot a
 * receiver holds, and any receiver, not only the reference ones, can be checked through its answers.
 */
public final class Marker {

    public static final String PATTERNS = "approved_patterns";
    public static final String METRICS = "execution_metrics";
    /** success_rate must stay within [0, 1]. */
    public static final long MAX_SEQ = 999_999;

    private static final String PREFIX = "chaos-";

    private Marker() {
    }

    public static String patternName(long seq) {
        return PREFIX + seq;
    }

    public static double successRate(long seq) {
        return seq / 1_000_000.0;
    }

    /** The write number a record body carries, or null when it carries none. */
    public static Long fromRecord(String table, JsonNode row) {
        if (row == null) {
            return null;
        }
        return PATTERNS.equals(table) ? fromName(row.get("name")) : fromRate(row.get("success_rate"));
    }

    /** The write number an acknowledgement echoes (pattern_name or success_rate), or null. */
    public static Long fromAck(String table, JsonNode ack) {
        if (ack == null) {
            return null;
        }
        return PATTERNS.equals(table) ? fromName(ack.get("pattern_name")) : fromRate(ack.get("success_rate"));
    }

    /** The record count an acknowledgement reports (local_record_count or local_metrics_count), or null. */
    public static Long countFromAck(String table, JsonNode ack) {
        if (ack == null) {
            return null;
        }
        JsonNode n = ack.get(PATTERNS.equals(table) ? "local_record_count" : "local_metrics_count");
        return n != null && n.canConvertToLong() ? n.asLong() : null;
    }

    private static Long fromName(JsonNode name) {
        if (name == null || !name.isTextual() || !name.asText().startsWith(PREFIX)) {
            return null;
        }
        try {
            return Long.parseLong(name.asText().substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long fromRate(JsonNode rate) {
        if (rate == null || !rate.isNumber()) {
            return null;
        }
        return Math.round(rate.asDouble() * 1_000_000.0);
    }
}
