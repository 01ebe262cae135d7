package org.replkit.receivers.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of one record, in canonical form: only the known fields of its kind, every field
 * present (null where absent), timestamps as UTC ISO-8601 strings at microsecond precision.
 * Snapshots of the same record are ordered by {@code updatedAt}.
 */
public record Snapshot(RecordKind kind, UUID id, Instant updatedAt, ObjectNode fields) {

    /** True when this snapshot may replace {@code stored}: the newest updated_at wins, a tie replaces. */
    public boolean supersedes(Snapshot stored) {
        return !updatedAt.isBefore(stored.updatedAt);
    }
}
