package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.replkit.conformance.model.EndpointKind;

/**
 * Versions of one record, as the sender sends them after successive UPDATEs: version n is updated
 * n steps after the base time, and its ack value field (pattern name, success rate) says which
 * version it is, so an acknowledgement shows which version the receiver holds.
 */
public record Snapshots(EndpointKind kind, UUID id, Instant base, Duration step) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ObjectNode version(int n) {
        return version(n, "Z");
    }

    /** Version n, its timestamps written with the given offset. */
    public ObjectNode version(int n, String offset) {
        Instant updated = base.plus(step.multipliedBy(n));
        ObjectNode r = Samples.record(kind, id, updated);
        r.put("updated_at", Timestamps.format(updated, offset, 6));
        r.set(kind.ackValueSource(), ackValue(n));
        return r;
    }

    /** Which of the first versions (0..9) a ack value belongs to, or null when none. */
    public Integer versionOf(JsonNode shown) {
        for (int n = 0; n < 10; n++) {
            if (sameValue(ackValue(n), shown)) {
                return n;
            }
        }
        return null;
    }

    /** Equal as the contract sees a value the receiver shows against one sent: the same text, or the same number. */
    public static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return Math.abs(expected.asDouble() - actual.asDouble()) <= 1e-9 * Math.max(1, Math.abs(expected.asDouble()));
        }
        return expected.equals(actual);
    }

    /** The ack value of version n. */
    public JsonNode ackValue(int n) {
        if (kind == EndpointKind.PATTERNS) {
            return NODES.textNode("pattern_v" + n + "_" + id.toString().substring(0, 8));
        }
        return NODES.numberNode(RecordGen.round3(0.05 + n * 0.1));
    }
}
