package org.replkit.receivers.record;

import java.time.Instant;
import java.util.List;
import org.replkit.receivers.record.RecordValidator.Problem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The rules across fields of an execution_metrics record (MET-VAL-02) that no JSON Schema states. */
final class MetricsRules {

    private MetricsRules() {
    }

    /** @param record canonical: timestamps in UTC, numbers as doubles, absent fields null */
    static void check(ObjectNode record, List<Problem> problems) {
        JsonNode start = record.get("period_start");
        JsonNode end = record.get("period_end");
        if (start.isString() && end.isString()
                && Instant.parse(end.stringValue()).isBefore(Instant.parse(start.stringValue()))) {
            problems.add(new Problem("MET-VAL-02", "$.period_end: must not be before period_start"));
        }
        orderedIfPresent(record, "p50_execution_time_ms", "p95_execution_time_ms", problems);
        orderedIfPresent(record, "p95_execution_time_ms", "p99_execution_time_ms", problems);
        orderedIfPresent(record, "p50_execution_time_ms", "p99_execution_time_ms", problems);
    }

    private static void orderedIfPresent(ObjectNode record, String lower, String upper, List<Problem> problems) {
        JsonNode lo = record.get(lower);
        JsonNode hi = record.get(upper);
        if (lo.isNumber() && hi.isNumber() && lo.doubleValue() > hi.doubleValue()) {
            problems.add(new Problem("MET-VAL-02", "$." + lower + ": must not exceed " + upper));
        }
    }
}
