package org.replkit.receivers.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.replkit.receivers.record.RecordKind;

/** Valid records shaped like the spec's examples, each with a fresh id; tests change one field at a time. */
public final class Records {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Records() {
    }

    public static ObjectNode of(RecordKind kind) {
        return kind == RecordKind.PATTERNS ? pattern() : metrics();
    }

    public static ObjectNode pattern() {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode r = JSON.createObjectNode();
        r.put("id", UUID.randomUUID().toString());
        r.put("name", "gen_server_pattern");
        r.put("ecosystem", "elixir");
        r.put("frequency", 156);
        r.put("confidence", 0.94);
        r.put("description", "Pattern for GenServer state management");
        r.putObject("examples").put("code_snippet", "use GenServer").put("usage_context", "stateful workers");
        r.putArray("best_practices").add("keep state small");
        r.put("approved_at", now);
        r.put("last_synced_at", now);
        r.put("instances_count", 3);
        r.put("inserted_at", now);
        r.put("updated_at", now);
        return r;
    }

    public static ObjectNode metrics() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode r = JSON.createObjectNode();
        r.put("id", UUID.randomUUID().toString());
        r.put("period_start", end.minus(5, ChronoUnit.MINUTES).toString());
        r.put("period_end", end.toString());
        r.put("jobs_completed", 156);
        r.put("jobs_failed", 3);
        r.put("success_rate", 0.98);
        r.put("avg_execution_time_ms", 892);
        r.put("total_memory_used_mb", 2450);
        r.put("p50_execution_time_ms", 750);
        r.put("p95_execution_time_ms", 2100);
        r.put("p99_execution_time_ms", 3500);
        r.put("instance_id", "singularity-1");
        r.put("inserted_at", end.toString());
        r.put("updated_at", end.toString());
        return r;
    }

    /** The same record as a later snapshot: updated_at moved on by {@code seconds}, the echoed ack value changed. */
    public static ObjectNode newerSnapshot(RecordKind kind, ObjectNode record, long seconds) {
        ObjectNode next = record.deepCopy();
        next.put("updated_at", Instant.parse(record.get("updated_at").asText()).plusSeconds(seconds).toString());
        if (kind == RecordKind.PATTERNS) {
            next.put("name", record.get("name").asText() + "_v" + seconds);
        } else {
            next.put("success_rate", Math.round((1.0 / (2 + Math.abs(seconds))) * 1000) / 1000.0);
        }
        return next;
    }
}
