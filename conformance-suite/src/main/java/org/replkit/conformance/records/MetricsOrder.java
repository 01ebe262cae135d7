package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The order across fields of an execution_metrics record (MET-VAL-02) that a schema cannot say:
 * period_end is not before period_start, and p50 <= p95 <= p99 among the percentiles present.
 */
final class MetricsOrder {

    static final List<String> PERCENTILES =
            List.of("p50_execution_time_ms", "p95_execution_time_ms", "p99_execution_time_ms");

    private MetricsOrder() {}

    /** Reorders generated values so that the record keeps the rules. */
    static ObjectNode repair(ObjectNode r) {
        JsonNode start = r.get("period_start");
        JsonNode end = r.get("period_end");
        if (start != null && end != null && start.isTextual() && end.isTextual()
                && Timestamps.parse(end.asText()).isBefore(Timestamps.parse(start.asText()))) {
            r.set("period_start", end);
            r.set("period_end", start);
        }
        List<String> present = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String p : PERCENTILES) {
            JsonNode v = r.get(p);
            if (v != null && v.isNumber()) {
                present.add(p);
                values.add(v.asDouble());
            }
        }
        values.sort(Double::compare);
        for (int i = 0; i < present.size(); i++) {
            r.put(present.get(i), values.get(i));
        }
        return r;
    }
}
