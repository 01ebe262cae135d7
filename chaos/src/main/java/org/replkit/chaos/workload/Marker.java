package org.replkit.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.replkit.chaos.history.Json;
import org.replkit.spec.SyncTable;

/**
 * Every write carries its own number (seq), in a field the receivers echo in their acknowledgement:
 * a pattern's name is "chaos-&lt;seq&gt;" (echoed as pattern_name), a metrics record's success_rate is
 * seq / 1,000,000 (echoed as success_rate). So an acknowledgement alone says which snapshot a
 * receiver holds, and any receiver, not only the reference ones, can be checked through its answers.
 *
 * <p>Besides the writes, the kit delivers one marker record of its own per table (the same id and
 * body on every run, so a receiver used for many runs holds it once): the count in its
 * acknowledgement is the receiver's count before the run. Its write number is none (a pattern named
 * "kit-chaos-marker") or above every write's (success_rate 1.0).
 */
public final class Marker {

    /** success_rate must stay within [0, 1]. */
    public static final long MAX_SEQ = 999_999;

    private static final String PREFIX = "chaos-";
    private static final UUID PATTERNS_MARKER_ID = UUID.fromString("c4a05000-0000-4000-8000-000000000001");
    private static final UUID METRICS_MARKER_ID = UUID.fromString("c4a05000-0000-4000-8000-000000000002");
    /** Fixed, so that a second run's marker delivery ties with the stored one and changes nothing. */
    private static final String MARKER_TIME = "2000-01-01T00:00:00Z";

    private Marker() {
    }

    public static String patternName(long seq) {
        return PREFIX + seq;
    }

    public static double successRate(long seq) {
        return seq / 1_000_000.0;
    }

    /** The id of the marker record of a table. */
    public static UUID markerId(String table) {
        return isPatterns(table) ? PATTERNS_MARKER_ID : METRICS_MARKER_ID;
    }

    /** The marker record of a table, as the sender would send it. */
    public static ObjectNode markerRecord(String table) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("id", markerId(table).toString());
        if (isPatterns(table)) {
            r.put("name", "kit-chaos-marker");
            r.put("ecosystem", "elixir");
            r.put("frequency", 1);
            r.put("confidence", 1.0);
            r.put("description", "kit chaos: its acknowledgement gives the receiver's count before a run");
        } else {
            r.put("instance_id", "kit-chaos-marker");
            r.put("period_start", MARKER_TIME);
            r.put("period_end", MARKER_TIME);
            r.put("jobs_completed", 1);
            r.put("jobs_failed", 0);
            r.put("success_rate", 1.0);
        }
        r.put("inserted_at", MARKER_TIME);
        r.put("updated_at", MARKER_TIME);
        return r;
    }

    /** The write number a record body carries, or null when it carries none. */
    public static Long fromRecord(String table, JsonNode row) {
        if (row == null) {
            return null;
        }
        return isPatterns(table) ? fromName(row.get(SyncTable.PATTERNS.ackValueSource())) : fromRate(row.get(SyncTable.METRICS.ackValueSource()));
    }

    /** The write number an acknowledgement echoes (pattern_name or success_rate), or null. */
    public static Long fromAck(String table, JsonNode ack) {
        if (ack == null) {
            return null;
        }
        return isPatterns(table) ? fromName(ack.get(SyncTable.PATTERNS.ackValueField())) : fromRate(ack.get(SyncTable.METRICS.ackValueField()));
    }

    /** The record count an acknowledgement reports (local_record_count or local_metrics_count), or null. */
    public static Long countFromAck(String table, JsonNode ack) {
        if (ack == null) {
            return null;
        }
        JsonNode n = ack.get((isPatterns(table) ? SyncTable.PATTERNS : SyncTable.METRICS).ackCountField());
        return n != null && n.canConvertToLong() ? n.asLong() : null;
    }

    private static boolean isPatterns(String table) {
        return SyncTable.PATTERNS.tableName().equals(table);
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
