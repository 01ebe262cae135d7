package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.replkit.conformance.model.EndpointKind;

/** Complete, valid records shaped like the spec's examples, for checks about one example. */
public final class Samples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Samples() {}

    /** A valid record with a fresh id, updated now. */
    public static ObjectNode fresh(EndpointKind kind) {
        return record(kind, UUID.randomUUID(), Instant.now());
    }

    public static ObjectNode record(EndpointKind kind, UUID id, Instant updatedAt) {
        return kind == EndpointKind.PATTERNS ? pattern(id, updatedAt) : metrics(id, updatedAt);
    }

    static ObjectNode pattern(UUID id, Instant updatedAt) {
        ObjectNode r = NODES.objectNode();
        r.put("id", id.toString());
        r.put("name", "gen_server_pattern");
        r.put("ecosystem", "elixir");
        r.put("frequency", 156);
        r.put("confidence", 0.94);
        r.put("description", "Pattern for GenServer state management");
        ObjectNode examples = r.putObject("examples");
        examples.put("code_snippet", "def handle_call(:get, _from, state), do: {:reply, state, state}");
        examples.put("usage_context", "state held by one process");
        r.putArray("best_practices").add("keep the state small").add("name the process");
        r.put("approved_at", Timestamps.utc(updatedAt.minusSeconds(3600)));
        r.put("last_synced_at", Timestamps.utc(updatedAt.minusSeconds(60)));
        r.put("instances_count", 3);
        r.put("inserted_at", Timestamps.utc(updatedAt.minusSeconds(86_400)));
        r.put("updated_at", Timestamps.utc(updatedAt));
        return r;
    }

    static ObjectNode metrics(UUID id, Instant updatedAt) {
        ObjectNode r = NODES.objectNode();
        r.put("id", id.toString());
        r.put("period_start", Timestamps.utc(updatedAt.minusSeconds(600)));
        r.put("period_end", Timestamps.utc(updatedAt.minusSeconds(300)));
        r.put("jobs_completed", 156);
        r.put("jobs_failed", 3);
        r.put("success_rate", 0.98);
        r.put("avg_execution_time_ms", 892);
        r.put("total_memory_used_mb", 2450);
        r.put("p50_execution_time_ms", 750);
        r.put("p95_execution_time_ms", 2100);
        r.put("p99_execution_time_ms", 3500);
        r.put("instance_id", "singularity-1");
        r.put("inserted_at", Timestamps.utc(updatedAt.minusSeconds(300)));
        r.put("updated_at", Timestamps.utc(updatedAt));
        return r;
    }
}
