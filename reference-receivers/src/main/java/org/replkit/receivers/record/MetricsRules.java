package org.replkit.receivers.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The rules across fields of an execution_metrics record (MET-VAL-02) that no JSON Schema states. */
final class MetricsRules {

    private MetricsRules() {
    }

    static void check(ObjectNode record, List<String> problems) {
        JsonNode start = record.get("period_start");
        JsonNode end = record.get("period_end");
        if (start.isTextual() && end.isTextual()
                && Instant.parse(end.asText()).isBefore(Instant.parse(start.asText()))) {
            problems.add("$.period_end: must not be before period_start");
        }
        orderedIfPresent(record, "p50_execution_time_ms", "p95_execution_time_ms", problems);
        orderedIfPresent(record, "p95_execution_time_ms", "p99_execution_time_ms", problems);
        orderedIfPresent(record, "p50_execution_time_ms", "p99_execution_time_ms", problems);
    }

    private static void orderedIfPresent(ObjectNode record, String lower, String upper, List<String> problems) {
        JsonNode lo = record.get(lower);
        JsonNode hi = record.get(upper);
        if (lo.isNumber() && hi.isNumber() && lo.asDouble() > hi.asDouble()) {
            problems.add("$." + lower + ": must not exceed " + upper);
        }
    }
}
