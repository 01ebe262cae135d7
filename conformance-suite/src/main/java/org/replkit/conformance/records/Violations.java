package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.replkit.conformance.model.EndpointKind;

/**
 * Every single-field violation of a record's rules, read off its JSON Schema, each attributed to the
 * catalogue requirement it breaks:
 * <ul>
 *   <li>SYNC-VAL-01 (MUST): id missing, null or not a UUID;</li>
 *   <li>SYNC-VAL-02 (MUST): updated_at missing, null or not a timestamp;</li>
 *   <li>SYNC-VAL-03 (MUST): a field of the wrong type (text in a number field, an object in a text
 *       field, a timestamp that is not one, a fraction in an integer field);</li>
 *   <li>PAT-VAL-01 / MET-VAL-01 (SHOULD): another required field missing, null or empty;</li>
 *   <li>PAT-VAL-02 / MET-VAL-02 (SHOULD): a value out of range, and for metrics the rules across
 *       fields (period order, percentile order).</li>
 * </ul>
 * A bound the catalogue does not name (a maximum text length) is not checked.
 */
public final class Violations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Violations() {}

    public static List<Violation> of(EndpointKind kind) {
        RecordGen gen = new RecordGen(kind);
        Set<String> required = gen.required();
        String missing = kind == EndpointKind.PATTERNS ? "PAT-VAL-01" : "MET-VAL-01";
        String range = kind == EndpointKind.PATTERNS ? "PAT-VAL-02" : "MET-VAL-02";
        List<Violation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = gen.schema().path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String f = p.getKey();
            JsonNode def = p.getValue();
            if (f.equals("id")) {
                out.add(remove("SYNC-VAL-01", f));
                out.add(set("SYNC-VAL-01", f, NODES.nullNode(), "id is null"));
                out.add(set("SYNC-VAL-01", f, NODES.textNode("not-a-uuid"), "id is not a UUID"));
                out.add(set("SYNC-VAL-01", f, NODES.textNode(""), "id is empty"));
                out.add(set("SYNC-VAL-01", f, NODES.numberNode(12345), "id is a number"));
                continue;
            }
            if (f.equals("updated_at")) {
                out.add(remove("SYNC-VAL-02", f));
                out.add(set("SYNC-VAL-02", f, NODES.nullNode(), "updated_at is null"));
                out.add(set("SYNC-VAL-02", f, NODES.textNode("yesterday"), "updated_at is not a timestamp"));
                out.add(set("SYNC-VAL-02", f, NODES.textNode("2025-13-45T25:61:00Z"), "updated_at is an impossible date"));
                out.add(set("SYNC-VAL-02", f, NODES.numberNode(1736503200), "updated_at is a Unix time number"));
                continue;
            }
            if (required.contains(f)) {
                out.add(remove(missing, f));
                out.add(set(missing, f, NODES.nullNode(), f + " is null"));
                if (def.path("minLength").asInt(0) > 0) {
                    out.add(set(missing, f, NODES.textNode(""), f + " is empty"));
                }
            }
            out.addAll(wrongTypes(f, def));
            out.addAll(outOfRange(range, f, def));
        }
        if (kind == EndpointKind.METRICS) {
            out.addAll(metricsCrossFieldRules(range));
        }
        return List.copyOf(out);
    }

    public static List<Violation> of(EndpointKind kind, String requirementId) {
        return of(kind).stream().filter(v -> v.requirementId().equals(requirementId)).toList();
    }

    private static List<Violation> wrongTypes(String f, JsonNode def) {
        List<String> types = RecordGen.types(def);
        List<Violation> out = new ArrayList<>();
        String v = "SYNC-VAL-03";
        if (types.contains("integer")) {
            out.add(set(v, f, NODES.textNode("156"), f + " (integer) holds text"));
            out.add(set(v, f, NODES.numberNode(1.5), f + " (integer) holds a fraction"));
        } else if (types.contains("number")) {
            out.add(set(v, f, NODES.textNode("0.5"), f + " (number) holds text"));
        } else if (types.contains("object")) {
            out.add(set(v, f, NODES.textNode("text"), f + " (object) holds text"));
            out.add(set(v, f, NODES.arrayNode().add(1).add(2), f + " (object) holds an array"));
        } else if (types.contains("array")) {
            out.add(set(v, f, NODES.textNode("text"), f + " (array) holds text"));
            out.add(set(v, f, NODES.arrayNode().add(1).add(2), f + " (array of text) holds numbers"));
        } else if ("date-time".equals(def.path("format").asText())) {
            out.add(set(v, f, NODES.textNode("yesterday"), f + " (timestamp) is not a timestamp"));
            out.add(set(v, f, NODES.numberNode(1736503200), f + " (timestamp) holds a number"));
        } else if (types.contains("string")) {
            out.add(set(v, f, NODES.objectNode().put("a", 1), f + " (text) holds an object"));
        }
        return out;
    }

    private static List<Violation> outOfRange(String range, String f, JsonNode def) {
        List<Violation> out = new ArrayList<>();
        List<String> types = RecordGen.types(def);
        boolean integer = types.contains("integer");
        if (def.has("minimum")) {
            double min = def.path("minimum").asDouble();
            JsonNode below = integer ? NODES.numberNode((long) min - 1) : NODES.numberNode(min - 0.5);
            out.add(set(range, f, below, f + " is below its minimum " + fmt(min)));
        }
        if (def.has("maximum")) {
            JsonNode max = def.path("maximum");
            if (integer) {
                // Just past the column: 2^63 for a bigint, which a 64-bit integer cannot hold.
                java.math.BigInteger above = max.bigIntegerValue().add(java.math.BigInteger.ONE);
                out.add(set(range, f, NODES.numberNode(above), f + " is above its maximum " + max.asText()));
                out.add(set(range, f, NODES.numberNode(1e308), f + " is 1e308, far beyond any integer column"));
            } else {
                double m = max.asDouble();
                out.add(set(range, f, NODES.numberNode(m + 0.5), f + " is above its maximum " + fmt(m)));
            }
        }
        return out;
    }

    private static List<Violation> metricsCrossFieldRules(String range) {
        ObjectNode period = NODES.objectNode().put("period_start", "2025-01-10T10:05:00Z").put("period_end", "2025-01-10T10:00:00Z");
        ObjectNode p50 = percentiles(900, 800, 1000);
        ObjectNode p99 = percentiles(100, 900, 800);
        return List.of(
                new Violation(range, "period_end", period, "period_end is before period_start"),
                new Violation(range, "p50_execution_time_ms", p50, "p50 is above p95"),
                new Violation(range, "p99_execution_time_ms", p99, "p99 is below p95"));
    }

    private static ObjectNode percentiles(int p50, int p95, int p99) {
        return NODES.objectNode().put("p50_execution_time_ms", p50).put("p95_execution_time_ms", p95).put("p99_execution_time_ms", p99);
    }

    private static Violation remove(String req, String f) {
        return new Violation(req, f, null, f + " is missing");
    }

    private static Violation set(String req, String f, JsonNode value, String description) {
        ObjectNode changes = NODES.objectNode();
        changes.set(f, value);
        return new Violation(req, f, changes, description);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
