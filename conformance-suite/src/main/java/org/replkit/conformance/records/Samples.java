package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.spec.SyncTable;

/** The spec's sample records (spec/examples), each under a fresh id and its own times, for checks about one example. */
public final class Samples {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final java.util.Map<SyncTable, com.fasterxml.jackson.databind.JsonNode> SAMPLES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Samples() {}

    /** A valid record with a fresh id, updated now. */
    public static ObjectNode fresh(EndpointKind kind) {
        return record(kind, UUID.randomUUID(), Instant.now());
    }

    public static ObjectNode record(EndpointKind kind, UUID id, Instant updatedAt) {
        return kind == EndpointKind.PATTERNS ? pattern(id, updatedAt) : metrics(id, updatedAt);
    }

    /** The spec's sample pattern (spec/examples), under this id, updated at this time. */
    static ObjectNode pattern(UUID id, Instant updatedAt) {
        ObjectNode r = sample(SyncTable.PATTERNS, id);
        r.put("approved_at", Timestamps.utc(updatedAt.minusSeconds(3600)));
        r.put("last_synced_at", Timestamps.utc(updatedAt.minusSeconds(60)));
        r.put("inserted_at", Timestamps.utc(updatedAt.minusSeconds(86_400)));
        r.put("updated_at", Timestamps.utc(updatedAt));
        return r;
    }

    /** The spec's sample metrics record (spec/examples), under this id, updated at this time. */
    static ObjectNode metrics(UUID id, Instant updatedAt) {
        ObjectNode r = sample(SyncTable.METRICS, id);
        r.put("period_start", Timestamps.utc(updatedAt.minusSeconds(600)));
        r.put("period_end", Timestamps.utc(updatedAt.minusSeconds(300)));
        r.put("inserted_at", Timestamps.utc(updatedAt.minusSeconds(300)));
        r.put("updated_at", Timestamps.utc(updatedAt));
        return r;
    }

    private static ObjectNode sample(SyncTable table, UUID id) {
        ObjectNode r = (ObjectNode) SAMPLES.computeIfAbsent(table, t -> {
            try {
                return JSON.readTree(t.sampleJson());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).deepCopy();
        r.put("id", id.toString());
        return r;
    }
}
