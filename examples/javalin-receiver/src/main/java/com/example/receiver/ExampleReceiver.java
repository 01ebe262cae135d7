package com.example.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small receiver of the replication contract, as a team would write it: both endpoints, an
 * in-memory store, the newest updated_at wins, the ack shows the stored row and the count, and a
 * refusal is 400 with the error body. {@code lastWriteWins} makes the deliberately broken variant
 * the example's own test must catch: it lets an older snapshot overwrite a newer one.
 */
public final class ExampleReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean lastWriteWins;
    private final Map<String, Map<UUID, JsonNode>> tables = Map.of(
            "patterns", new ConcurrentHashMap<>(), "metrics", new ConcurrentHashMap<>());
    private final Javalin app;

    private ExampleReceiver(boolean lastWriteWins) {
        this.lastWriteWins = lastWriteWins;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/sync/patterns", ctx -> sync(ctx, "patterns", "pattern_id", "name", "pattern_name", "local_record_count"));
            cfg.routes.post("/sync/metrics", ctx -> sync(ctx, "metrics", "metrics_id", "success_rate", "success_rate", "local_metrics_count"));
        }).start("127.0.0.1", 0);
    }

    /** The receiver, on a free port of 127.0.0.1. */
    public static ExampleReceiver start() {
        return new ExampleReceiver(false);
    }

    /** The broken variant: the last delivery wins, even an older snapshot. */
    public static ExampleReceiver startLastWriteWins() {
        return new ExampleReceiver(true);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    private void sync(Context ctx, String table, String idField, String valueSource, String valueField, String countField) {
        JsonNode record;
        UUID id;
        Instant updatedAt;
        try {
            record = JSON.readTree(ctx.bodyAsBytes());
            id = UUID.fromString(record.get("id").asText());
            updatedAt = OffsetDateTime.parse(record.get("updated_at").asText()).toInstant();
        } catch (Exception e) {
            error(ctx, "invalid_record", "expected a JSON object with a UUID id and an ISO-8601 updated_at");
            return;
        }
        if (!record.isObject()) {
            error(ctx, "invalid_record", "expected a JSON object");
            return;
        }
        Map<UUID, JsonNode> rows = tables.get(table);
        JsonNode stored = rows.merge(id, record, (current, incoming) ->
                lastWriteWins || updatedAt.isAfter(OffsetDateTime.parse(current.get("updated_at").asText()).toInstant())
                        ? incoming : current);
        ObjectNode ack = JSON.createObjectNode();
        ack.put("status", "ok");
        ack.put(idField, id.toString());
        ack.set(valueField, stored.get(valueSource));
        ack.put("synced_at", Instant.now().toString());
        ack.put(countField, rows.size());
        ctx.status(200).contentType("application/json").result(ack.toString());
    }

    private static void error(Context ctx, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", "error").put("error", code).put("message", message);
        ctx.status(400).contentType("application/json").result(body.toString());
    }

    @Override
    public void close() {
        app.stop();
    }
}
