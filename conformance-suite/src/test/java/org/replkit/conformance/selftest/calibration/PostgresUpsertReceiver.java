package org.replkit.conformance.selftest.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/**
 * A correct receiver unlike the reference ones: the whole rule of the upsert is one PostgreSQL
 * statement, {@code INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE stored.updated_at <
 * EXCLUDED.updated_at}, with the record kept as jsonb. It validates the body against the record
 * schema, requires the X-Sync-* headers (a SHOULD it breaks: a hand-made call without them is
 * refused) and does not check the metrics rules across fields.
 */
public final class PostgresUpsertReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidator SCHEMAS = new SchemaValidator();

    private final String jdbcUrl;
    private final String token;
    private final com.zaxxer.hikari.HikariDataSource pool;
    private final Javalin app;

    private PostgresUpsertReceiver(String jdbcUrl, String token) {
        this.jdbcUrl = jdbcUrl;
        this.token = token;
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);
        this.pool = new com.zaxxer.hikari.HikariDataSource(config);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // The tables go in the URL's currentSchema, which must exist before anything is created in it.
            java.util.regex.Matcher schema = java.util.regex.Pattern.compile("[?&]currentSchema=([a-z_][a-z0-9_]*)").matcher(jdbcUrl);
            if (schema.find()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema.group(1));
            }
            for (String table : List.of("patterns", "metrics")) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id uuid PRIMARY KEY, shown jsonb, "
                        + "updated_at timestamptz NOT NULL, doc jsonb NOT NULL)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 1024L * 1024;
            cfg.routes.post("/sync/patterns", ctx -> sync(ctx, "patterns", "approved_patterns", SpecSchema.PATTERN_RECORD,
                    "pattern_id", "name", "pattern_name", "local_record_count"));
            cfg.routes.post("/sync/metrics", ctx -> sync(ctx, "metrics", "execution_metrics", SpecSchema.METRICS_RECORD,
                    "metrics_id", "success_rate", "success_rate", "local_metrics_count"));
        }).start("127.0.0.1", 0);
    }

    public static PostgresUpsertReceiver start(String jdbcUrl, String token) {
        return new PostgresUpsertReceiver(jdbcUrl, token);
    }

    public String patternsUrl() {
        return "http://127.0.0.1:" + app.port() + "/sync/patterns";
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + app.port() + "/sync/metrics";
    }

    private Connection connect() throws SQLException {
        return pool.getConnection();
    }

    private void sync(Context ctx, String table, String syncTable, SpecSchema schema, String idField, String valueSource,
                      String valueField, String countField) throws SQLException {
        String body = ctx.body(); // read it all before any answer, so a refusal never meets a reset connection
        if (token != null && !("Bearer " + token).equals(ctx.header("Authorization"))) {
            error(ctx, 401, "unauthorized", "bearer token required");
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            error(ctx, 415, "unsupported_media_type", "send application/json");
            return;
        }
        String event = ctx.header("X-Sync-Event-Type");
        String headerTable = ctx.header("X-Sync-Table");
        String headerId = ctx.header("X-Sync-Record-Id");
        if (event == null || headerTable == null || headerId == null) {
            error(ctx, 400, "missing_headers", "X-Sync-Event-Type, X-Sync-Table and X-Sync-Record-Id are required");
            return;
        }
        if (!event.equals("INSERT") && !event.equals("UPDATE") || !headerTable.equals(syncTable)) {
            error(ctx, 400, "wrong_headers", "X-Sync-Event-Type or X-Sync-Table is wrong");
            return;
        }
        JsonNode record;
        try {
            record = JSON.readTree(body);
        } catch (Exception e) {
            error(ctx, 400, "malformed_json", "the body is not JSON");
            return;
        }
        if (record == null || !record.isObject()) {
            error(ctx, 400, "not_an_object", "the body must be a JSON object");
            return;
        }
        List<SchemaValidator.Violation> problems;
        try {
            problems = SCHEMAS.violations(schema, body);
        } catch (RuntimeException e) {
            // The validator reads the body again, more strictly (a second document after the first,
            // a lone surrogate in a key), and its minimum and maximum checks throw on a number beyond
            // 64 bits: what it cannot read is refused.
            error(ctx, 400, "invalid_record", "the record cannot be validated");
            return;
        }
        if (!problems.isEmpty()) {
            error(ctx, 400, "invalid_record", problems.get(0).message());
            return;
        }
        UUID id = UUID.fromString(record.get("id").asText());
        if (!headerId.equalsIgnoreCase(id.toString())) {
            error(ctx, 400, "record_id_mismatch", "X-Sync-Record-Id does not name the body's record");
            return;
        }
        OffsetDateTime updated;
        try {
            updated = OffsetDateTime.parse(record.get("updated_at").asText()).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            error(ctx, 400, "invalid_record", "updated_at cannot be read as a timestamp");
            return;
        }
        JsonNode shown;
        long count;
        try (Connection c = connect()) {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + table + " AS stored (id, shown, updated_at, doc)"
                    + " VALUES (?, ?::jsonb, ?, ?::jsonb) ON CONFLICT (id) DO UPDATE"
                    + " SET shown = EXCLUDED.shown, updated_at = EXCLUDED.updated_at, doc = EXCLUDED.doc"
                    + " WHERE stored.updated_at < EXCLUDED.updated_at")) {
                upsert.setObject(1, id);
                upsert.setString(2, record.get(valueSource).toString());
                upsert.setObject(3, updated);
                upsert.setString(4, body);
                upsert.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement("SELECT shown::text, (SELECT count(*) FROM " + table + ")"
                    + " FROM " + table + " WHERE id = ?")) {
                read.setObject(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    shown = JSON.readTree(rs.getString(1));
                    count = rs.getLong(2);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } catch (SQLException e) {
            // Class 22, data exception: a value jsonb cannot hold (a NUL, a lone surrogate, a number beyond numeric).
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                error(ctx, 400, "value_not_storable", "a value of the record cannot be stored");
                return;
            }
            throw e;
        }
        ObjectNode ack = JSON.createObjectNode();
        ack.put("status", "ok");
        ack.put(idField, id.toString());
        ack.set(valueField, shown);
        ack.put("synced_at", Instant.now().toString());
        ack.put(countField, count);
        ctx.status(200).contentType("application/json").result(ack.toString());
    }

    private static void error(Context ctx, int status, String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("status", "error");
        e.put("error", code);
        e.put("message", message);
        ctx.status(status).contentType("application/json").result(e.toString());
    }

    @Override
    public void close() {
        app.stop();
        pool.close();
    }
}
