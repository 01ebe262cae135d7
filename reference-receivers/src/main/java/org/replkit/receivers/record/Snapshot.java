package org.replkit.receivers.record;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.replkit.spec.Enforces;

/**
 * One version of one record, in canonical form: only the known fields of its kind, every field
 * present (null where absent), timestamps as UTC ISO-8601 strings at microsecond precision.
 * Snapshots of the same record are ordered by {@code updatedAt}.
 */
public record Snapshot(RecordKind kind, UUID id, Instant updatedAt, ObjectNode fields) {

    /**
     * True when this snapshot may replace {@code stored}: the newest updated_at wins (SYNC-IDEM-02,
     * SYNC-IDEM-06), a tie replaces, and an older one never does (SYNC-IDEM-03).
     */
    @Enforces({"SYNC-IDEM-02", "SYNC-IDEM-03", "SYNC-IDEM-06"})
    public boolean supersedes(Snapshot stored) {
        return !updatedAt.isBefore(stored.updatedAt);
    }

    /**
     * A snapshot read back from a store's JSON text, with the canonical node types restored: JSON
     * text does not say that 156 was a long or 0.5 a double, and canonical snapshots compare equal
     * only with the same node types.
     */
    public static Snapshot fromStoredJson(RecordKind kind, UUID id, Instant updatedAt, ObjectNode fields) {
        for (Field f : kind.fields()) {
            JsonNode v = fields.get(f.name());
            if (v != null && v.isNumber()) {
                if (f.type() == FieldType.INTEGER) {
                    fields.put(f.name(), v.longValue());
                } else if (f.type() == FieldType.NUMBER) {
                    fields.put(f.name(), v.doubleValue());
                }
            }
        }
        return new Snapshot(kind, id, updatedAt, fields);
    }
}
