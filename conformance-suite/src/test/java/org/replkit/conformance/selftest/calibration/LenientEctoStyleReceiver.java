package org.replkit.conformance.selftest.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A correct receiver in the style of the spec's own Elixir receivers (Phoenix + Ecto), unlike the
 * reference ones: it casts rather than validates. Like Ecto's {@code cast/3} it turns numeric strings
 * into numbers, treats whitespace-only strings as missing and drops unknown fields; like
 * {@code validate_required/2} it refuses a record missing a required field (400); like
 * {@code timestamps()} it stamps a missing updated_at with the current time. It checks no range and
 * ignores the X-Sync-* headers, X-Sync-Event-Type included. Bodies up to 8 MB are read, as Plug's
 * parsers do. It keeps the newest snapshot of each record and acknowledges the stored row.
 */
public final class LenientEctoStyleReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Field types of the two schemas, as an Ecto schema would declare them. */
    private static final Map<String, Map<String, String>> FIELDS = Map.of(
            "patterns", ordered("id", "binary_id", "name", "string", "ecosystem", "string", "frequency", "integer",
                    "confidence", "float", "description", "string", "examples", "map", "best_practices", "array",
                    "approved_at", "utc_datetime_usec", "last_synced_at", "utc_datetime_usec", "instances_count", "integer",
                    "inserted_at", "utc_datetime_usec", "updated_at", "utc_datetime_usec"),
            "metrics", ordered("id", "binary_id", "instance_id", "string", "period_start", "utc_datetime_usec",
                    "period_end", "utc_datetime_usec", "jobs_completed", "integer", "jobs_failed", "integer",
                    "success_rate", "float", "avg_execution_time_ms", "float", "total_memory_used_mb", "float",
                    "p50_execution_time_ms", "float", "p95_execution_time_ms", "float", "p99_execution_time_ms", "float",
                    "inserted_at", "utc_datetime_usec", "updated_at", "utc_datetime_usec"));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "patterns", List.of("id", "name", "ecosystem", "frequency", "confidence", "inserted_at"),
            "metrics", List.of("id", "instance_id", "period_start", "period_end", "jobs_completed", "jobs_failed",
                    "success_rate", "inserted_at"));

    private final String token;
    private final Map<String, Map<UUID, ObjectNode>> repo = Map.of("patterns", new HashMap<>(), "metrics", new HashMap<>());
    private final Javalin app;

    private LenientEctoStyleReceiver(String token) {
        this.token = token;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 8_000_000L;
            cfg.routes.post("/sync/patterns", ctx -> sync(ctx, "patterns", "pattern_id", "name", "pattern_name", "local_record_count"));
            cfg.routes.post("/sync/metrics", ctx -> sync(ctx, "metrics", "metrics_id", "success_rate", "success_rate", "local_metrics_count"));
        }).start("127.0.0.1", 0);
    }

    public static LenientEctoStyleReceiver start(String token) {
        return new LenientEctoStyleReceiver(token);
    }

    public String patternsUrl() {
        return "http://127.0.0.1:" + app.port() + "/sync/patterns";
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + app.port() + "/sync/metrics";
    }

    private void sync(Context ctx, String table, String idField, String valueSource, String valueField, String countField) {
        if (token != null && !("Bearer " + token).equals(ctx.header("Authorization"))) {
            error(ctx, 401, "unauthorized", "bearer token required");
            return;
        }
        // Plug.Parsers parses JSON bodies only; any other content type leaves the params empty.
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        JsonNode params = NODES.objectNode();
        if (type.startsWith("application/json")) {
            try {
                params = JSON.readTree(ctx.bodyAsBytes());
            } catch (Exception e) {
                error(ctx, 400, "bad_request", "malformed JSON");
                return;
            }
        }
        if (params == null || !params.isObject()) {
            error(ctx, 400, "bad_request", "expected a JSON object");
            return;
        }
        List<String> errors = new ArrayList<>();
        ObjectNode record = cast(table, (ObjectNode) params, errors);
        for (String f : REQUIRED.get(table)) {
            if (!record.hasNonNull(f)) {
                errors.add(f + " can't be blank");
            }
        }
        if (!errors.isEmpty()) {
            error(ctx, 400, "sync_failed", String.join(", ", errors));
            return;
        }
        if (!record.hasNonNull("updated_at")) {
            record.put("updated_at", Instant.now().toString()); // timestamps() autogenerates it
        }
        UUID id = UUID.fromString(record.get("id").asText());
        ObjectNode stored;
        int count;
        Map<UUID, ObjectNode> rows = repo.get(table);
        synchronized (rows) {
            ObjectNode current = rows.get(id);
            if (current == null || instant(record.get("updated_at")).isAfter(instant(current.get("updated_at")))) {
                rows.put(id, record);
            }
            stored = rows.get(id);
            count = rows.size();
        }
        ObjectNode ack = JSON.createObjectNode();
        ack.put("status", "ok");
        ack.put(idField, id.toString());
        ack.set(valueField, stored.get(valueSource));
        ack.put("synced_at", Instant.now().toString());
        ack.put(countField, count);
        ctx.status(200).contentType("application/json").result(ack.toString());
    }

    /** Ecto's cast: known fields only, each turned into its type or an error; blank strings are nil. */
    private static ObjectNode cast(String table, ObjectNode params, List<String> errors) {
        ObjectNode out = NODES.objectNode();
        FIELDS.get(table).forEach((field, type) -> {
            JsonNode v = params.get(field);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                return;
            }
            try {
                out.set(field, castOne(type, v));
            } catch (RuntimeException e) {
                errors.add(field + " is invalid");
            }
        });
        return out;
    }

    private static JsonNode castOne(String type, JsonNode v) {
        return switch (type) {
            case "binary_id" -> NODES.textNode(UUID.fromString(text(v)).toString());
            case "string" -> NODES.textNode(text(v));
            case "integer" -> {
                BigDecimal d = v.isTextual() ? new BigDecimal(v.asText().trim()) : v.decimalValue();
                yield NODES.numberNode(d.longValueExact());
            }
            case "float" -> {
                double d = v.isTextual() ? Double.parseDouble(v.asText().trim()) : v.isNumber() ? v.asDouble() : fail();
                yield NODES.numberNode(d);
            }
            case "utc_datetime_usec" -> NODES.textNode(OffsetDateTime.parse(text(v)).toInstant().toString());
            case "map" -> {
                if (!v.isObject()) {
                    fail();
                }
                yield v;
            }
            case "array" -> {
                if (!v.isArray()) {
                    fail();
                }
                v.forEach(item -> text(item));
                yield v;
            }
            default -> throw new IllegalStateException(type);
        };
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("not a string");
        }
        return v.asText();
    }

    private static double fail() {
        throw new IllegalArgumentException("cannot cast");
    }

    private static Instant instant(JsonNode v) {
        return OffsetDateTime.parse(v.asText()).toInstant();
    }

    private static void error(Context ctx, int status, String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("status", "error");
        e.put("error", code);
        e.put("message", message);
        ctx.status(status).contentType("application/json").result(e.toString());
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        app.stop();
    }
}
