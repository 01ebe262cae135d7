package org.replkit.conformance.selftest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.spec.SchemaValidator;

/**
 * A small in-memory receiver (Javalin) that keeps the contract unless told to break it: each
 * {@link Fault} switches one rule off. It also serves a status endpoint, so that the STAT checks
 * have something to fail against. Written from the contract, not from the reference receivers.
 */
public final class FaultyReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidator VALIDATOR = new SchemaValidator();
    private static final long MAX_BODY = 1024 * 1024;
    private static final long SMALL_MAX_BODY = 16 * 1024;

    private final Set<Fault> faults;
    private final String token;
    private final String adminToken;
    private final byte[] signingKey;
    private final Map<EndpointKind, Table> tables = new EnumMap<>(EndpointKind.class);
    private final java.util.concurrent.locks.ReentrantLock contention = new java.util.concurrent.locks.ReentrantLock();
    /** Deliveries being handled or waiting their turn, for the overload faults. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private static final int QUEUE_ROOM = 5;
    private final Javalin app;

    private FaultyReceiver(Set<Fault> faults, String token, String adminToken, String signingSecret) {
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        this.token = token;
        this.adminToken = adminToken;
        this.signingKey = signingSecret == null ? null : java.util.Base64.getDecoder().decode(signingSecret.substring("whsec_".length()));
        tables.put(EndpointKind.PATTERNS, new Table());
        tables.put(EndpointKind.METRICS, new Table());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 64L * 1024 * 1024;
            cfg.routes.post("/sync/patterns", ctx -> sync(ctx, EndpointKind.PATTERNS));
            cfg.routes.post("/sync/metrics", ctx -> sync(ctx, EndpointKind.METRICS));
            cfg.routes.get("/admin/replication/status", this::status);
        }).start("127.0.0.1", 0);
    }

    public static FaultyReceiver start(Set<Fault> faults, String token, String adminToken) {
        return new FaultyReceiver(faults, token, adminToken, null);
    }

    /** As above, and deliveries must be signed with this Standard Webhooks secret ({@code whsec_...}). */
    public static FaultyReceiver start(Set<Fault> faults, String token, String adminToken, String signingSecret) {
        return new FaultyReceiver(faults, token, adminToken, signingSecret);
    }

    public static FaultyReceiver correct(String token, String adminToken) {
        return start(Set.of(), token, adminToken);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public String patternsUrl() {
        return baseUrl() + "/sync/patterns";
    }

    public String metricsUrl() {
        return baseUrl() + "/sync/metrics";
    }

    public String statusUrl() {
        return baseUrl() + "/admin/replication/status";
    }

    @Override
    public void close() {
        app.stop();
    }

    private boolean has(Fault f) {
        return faults.contains(f);
    }

    private long maxBody() {
        return has(Fault.SMALL_SIZE_LIMIT) ? SMALL_MAX_BODY : MAX_BODY;
    }

    // ---- POST /sync/patterns, /sync/metrics --------------------------------------------------

    private void sync(Context ctx, EndpointKind kind) throws Exception {
        if (has(Fault.QUEUES_PAST_THE_TIMEOUT) || has(Fault.SHEDS_WITHOUT_RETRY_AFTER)) {
            // A small receiver: one delivery at a time, 50 ms each (20 per second), however the burst
            // arrives. Queueing, 200 at once wait up to 10 s; shedding, it says 503 but not when to come back.
            try {
                if (inFlight.incrementAndGet() > QUEUE_ROOM && has(Fault.SHEDS_WITHOUT_RETRY_AFTER)) {
                    error(ctx, tables.get(kind), 503, "overloaded", "busy", null);
                    return;
                }
                contention.lock();
                try {
                    Thread.sleep(50);
                    handle(ctx, kind);
                } finally {
                    contention.unlock();
                }
            } finally {
                inFlight.decrementAndGet();
            }
        } else if (has(Fault.SLOW_UNDER_CONTENTION)) {
            // One delivery at a time, 40 ms each: quick alone, a queue of seconds under a burst.
            contention.lock();
            try {
                Thread.sleep(40);
                handle(ctx, kind);
            } finally {
                contention.unlock();
            }
        } else {
            handle(ctx, kind);
        }
    }

    private void handle(Context ctx, EndpointKind kind) throws Exception {
        Table table = tables.get(kind);
        if (token != null && !has(Fault.IGNORES_TOKEN)
                && (has(Fault.REFUSES_EVERY_TOKEN) || !("Bearer " + token).equals(ctx.header("Authorization")))) {
            error(ctx, table, 401, "unauthorized", "a valid bearer token is required", null);
            return;
        }
        if (!has(Fault.NO_SIZE_LIMIT) && ctx.contentLength() > maxBody()) {
            error(ctx, table, 413, "body_too_large", "the body is larger than " + maxBody() + " bytes", null);
            return;
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!has(Fault.ACCEPTS_ANY_CONTENT_TYPE) && !contentType.startsWith("application/json")) {
            error(ctx, table, 415, "unsupported_media_type", "send the record as application/json", null);
            return;
        }
        byte[] raw = ctx.bodyAsBytes();
        if (!has(Fault.NO_SIZE_LIMIT) && raw.length > maxBody()) {
            error(ctx, table, 413, "body_too_large", "the body is larger than " + maxBody() + " bytes", null);
            return;
        }
        if (signingKey != null && !has(Fault.IGNORES_SIGNATURES) && !signedWithOurKey(ctx, raw)) {
            error(ctx, table, 401, "bad_signature", "the webhook signature does not verify", null);
            return;
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        JsonNode parsed;
        try {
            if (body.isBlank()) {
                throw new IllegalArgumentException("empty body");
            }
            parsed = JSON.readTree(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            if (has(Fault.DROPS_CONNECTION_ON_DEEP_NESTING)
                    && (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException)) {
                dieMidAnswer(ctx);
            }
            if (has(Fault.ACCEPTS_MALFORMED_JSON)) {
                ctx.status(200).contentType("application/json").result("{\"status\":\"ok\"}");
                return;
            }
            int status = has(Fault.ERROR_500_ON_BAD_JSON) ? 500 : has(Fault.MALFORMED_JSON_422) ? 422 : 400;
            error(ctx, table, status, "invalid_json", "the body is not a JSON document", e);
            return;
        }
        if (!(parsed instanceof ObjectNode record)) {
            if (has(Fault.ACCEPTS_MALFORMED_JSON)) {
                ctx.status(200).contentType("application/json").result("{\"status\":\"ok\"}");
                return;
            }
            error(ctx, table, 400, "invalid_json", "the body is not a JSON object", null);
            return;
        }
        if (has(Fault.ERROR_500_ON_OVERFLOW) && overflows(record)) {
            // The classic: an integer read with asLong() without a range check.
            error(ctx, table, 500, "internal_error", "internal error", null);
            return;
        }
        if (has(Fault.SLOW_EVERY_DELIVERY)) {
            Thread.sleep(1_500);
        }
        if (has(Fault.SLOW_LARGE_RECORDS) && raw.length > 64 * 1024) {
            Thread.sleep(5_500);
        }
        String headerProblem = headerProblem(ctx, kind, record);
        if (headerProblem != null) {
            if (has(Fault.STORES_BEFORE_CHECKING_HEADERS) && record.hasNonNull("id")
                    && problems(kind, record, body).isEmpty()) {
                upsert(table, record.get("id").asText(), record);
            }
            error(ctx, table, 400, "invalid_headers", headerProblem, null);
            return;
        }
        List<String> problems = problems(kind, record, body);
        if (!problems.isEmpty()) {
            error(ctx, table, 400, kind == EndpointKind.PATTERNS ? "invalid_pattern" : "invalid_metrics",
                    String.join("; ", problems), null);
            return;
        }
        String id = record.hasNonNull("id") ? record.get("id").asText() : UUID.randomUUID().toString();
        if ((has(Fault.REJECTS_REPEATED_INSERT) || has(Fault.STORES_BEFORE_CHECKING_HEADERS))
                && "INSERT".equals(ctx.header("X-Sync-Event-Type"))
                && table.rows.containsKey(id)) {
            error(ctx, table, 409, "already_exists", "record " + id + " exists", null);
            return;
        }
        ObjectNode stored = upsert(table, id, record);
        table.success.incrementAndGet();
        ctx.status(200).contentType("application/json").result(ack(kind, table, id, stored).toString());
    }

    /** Standard Webhooks, written from its specification: v1 = base64 HMAC-SHA256 of "id.timestamp.body". */
    private boolean signedWithOurKey(Context ctx, byte[] raw) throws Exception {
        String id = ctx.header("webhook-id");
        String timestamp = ctx.header("webhook-timestamp");
        String signatures = ctx.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        if (!has(Fault.NO_REPLAY_WINDOW) && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        byte[] signed = raw;
        if (has(Fault.RESERIALISES_BEFORE_VERIFYING)) {
            try {
                signed = JSON.writeValueAsBytes(JSON.readTree(raw));
            } catch (java.io.IOException notJson) {
                // not JSON: verified as received
            }
        }
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(signingKey, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        mac.update(signed);
        String expected = "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal());
        String[] candidates = signatures.trim().split(" ");
        for (int i = 0; i < (has(Fault.FIRST_SIGNATURE_ONLY) ? 1 : candidates.length); i++) {
            if (java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    candidates[i].getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> INTEGER_FIELDS = List.of("frequency", "instances_count", "jobs_completed", "jobs_failed");

    /**
     * A handler that dies after its answer has begun: the status line and part of the body are out,
     * so the server can only abort the connection, and the client gets no complete answer.
     */
    private static void dieMidAnswer(Context ctx) throws java.io.IOException {
        ctx.res().setStatus(200);
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(1000);
        ctx.res().getOutputStream().write("{\"status\":".getBytes(StandardCharsets.UTF_8));
        ctx.res().flushBuffer();
        throw new IllegalStateException("the parser ran out of stack");
    }

    private static boolean overflows(ObjectNode record) {
        for (String f : INTEGER_FIELDS) {
            JsonNode v = record.get(f);
            if (v != null && v.isNumber() && !v.canConvertToLong()) {
                return true;
            }
        }
        return false;
    }

    private String headerProblem(Context ctx, EndpointKind kind, ObjectNode record) {
        String event = ctx.header("X-Sync-Event-Type");
        String tableName = ctx.header("X-Sync-Table");
        String recordId = ctx.header("X-Sync-Record-Id");
        if (has(Fault.REQUIRES_SYNC_HEADERS) && (event == null || tableName == null || recordId == null)) {
            return "the X-Sync-* headers are required";
        }
        if (event != null && !has(Fault.ACCEPTS_ANY_EVENT_TYPE) && !event.equals("INSERT") && !event.equals("UPDATE")) {
            return "X-Sync-Event-Type must be INSERT or UPDATE";
        }
        if (tableName != null && !has(Fault.IGNORES_TABLE_HEADER) && !tableName.equals(kind.table())) {
            return "X-Sync-Table must be " + kind.table();
        }
        if (recordId != null && !has(Fault.IGNORES_RECORD_ID_HEADER)
                && !recordId.equalsIgnoreCase(record.path("id").asText())) {
            return "X-Sync-Record-Id does not match the body's id";
        }
        return null;
    }

    private List<String> problems(EndpointKind kind, ObjectNode record, String body) {
        List<String> out = new ArrayList<>();
        if (has(Fault.ACCEPTS_INVALID)) {
            return out;
        }
        List<SchemaValidator.Violation> violations;
        try {
            violations = VALIDATOR.violations(kind.recordSchema(), body);
        } catch (RuntimeException e) {
            // The validator reads the body again, more strictly than this receiver's parser (a lone
            // surrogate in a key, a second document after the first), and its minimum and maximum
            // checks throw on a number beyond 64 bits: whatever it cannot read is refused.
            out.add("the record cannot be validated");
            return out;
        }
        for (SchemaValidator.Violation v : violations) {
            if (!excused(v, record)) {
                out.add(v.message());
            }
        }
        Set<String> known = new java.util.HashSet<>();
        VALIDATOR_PROPERTIES.get(kind).forEach(known::add);
        record.fields().forEachRemaining(e -> {
            if (has(Fault.REJECTS_EXTRA_FIELDS) && !known.contains(e.getKey())) {
                out.add(e.getKey() + " is not a known field");
            }
            if (has(Fault.REJECTS_NULL_OPTIONALS) && known.contains(e.getKey()) && e.getValue().isNull()) {
                out.add(e.getKey() + " is null");
            }
        });
        if (kind == EndpointKind.METRICS && !has(Fault.LENIENT_RANGES)) {
            out.addAll(metricsRules(record));
        }
        return out;
    }

    /** The schema violations a fault lets through. */
    private boolean excused(SchemaValidator.Violation v, ObjectNode record) {
        String f = v.field();
        boolean key = f.equals("id") || f.equals("updated_at");
        JsonNode value = record.get(f);
        return switch (v.keyword()) {
            case "required" -> (has(Fault.LENIENT_REQUIRED) && !key) || (has(Fault.DEFAULTS_UPDATED_AT) && f.equals("updated_at"));
            case "minLength" -> has(Fault.LENIENT_REQUIRED);
            case "minimum", "maximum" -> has(Fault.LENIENT_RANGES);
            case "type", "format" -> (has(Fault.DEFAULTS_UPDATED_AT) && f.equals("updated_at"))
                    || (has(Fault.LENIENT_REQUIRED) && !key && value != null && value.isNull())
                    || (has(Fault.COERCES_TYPES) && !key && value != null && !value.isNull());
            default -> false;
        };
    }

    private static List<String> metricsRules(ObjectNode r) {
        List<String> out = new ArrayList<>();
        Instant start = instant(r.path("period_start").asText());
        Instant end = instant(r.path("period_end").asText());
        if (start != null && end != null && end.isBefore(start)) {
            out.add("period_end is before period_start");
        }
        double last = -1;
        for (String p : List.of("p50_execution_time_ms", "p95_execution_time_ms", "p99_execution_time_ms")) {
            JsonNode v = r.get(p);
            if (v != null && v.isNumber()) {
                if (v.asDouble() < last) {
                    out.add("percentiles are out of order at " + p);
                }
                last = v.asDouble();
            }
        }
        return out;
    }

    private ObjectNode upsert(Table table, String id, ObjectNode record) throws InterruptedException {
        if (has(Fault.RACY_UPSERT)) {
            boolean known = table.rows.containsKey(id);
            Thread.sleep(10);
            if (!known) {
                if (table.rows.putIfAbsent(id, record) != null) {
                    table.duplicates.add(record);
                }
                return record;
            }
        }
        synchronized (table) {
            ObjectNode existing = table.rows.get(id);
            if (has(Fault.NOT_IDEMPOTENT) && existing != null) {
                table.duplicates.add(record);
                table.rows.put(id, record);
                return record;
            }
            if (existing == null) {
                if (has(Fault.LOSES_EVERY_7TH_WRITE) && table.inserts.incrementAndGet() % 7 == 0) {
                    return record;
                }
                table.rows.put(id, record);
                return record;
            }
            if (has(Fault.IGNORES_UPDATES)) {
                return existing;
            }
            if (has(Fault.STALE_OVERWRITE) || newer(record, existing)) {
                table.rows.put(id, record);
                return record;
            }
            return existing;
        }
    }

    private boolean newer(ObjectNode candidate, ObjectNode existing) {
        String a = candidate.path("updated_at").asText();
        String b = existing.path("updated_at").asText();
        if (has(Fault.COMPARES_TIMESTAMPS_AS_TEXT)) {
            return a.compareTo(b) > 0;
        }
        Instant ia = instant(a);
        Instant ib = instant(b);
        if (ia == null || ib == null) {
            return ib == null;
        }
        return ia.isAfter(ib);
    }

    private ObjectNode ack(EndpointKind kind, Table table, String id, ObjectNode stored) {
        ObjectNode ack = JSON.createObjectNode();
        ack.put("status", "ok");
        ack.put(kind.ackIdField(), id);
        ack.set(kind.ackValueField(), stored.get(kind.ackValueSource()));
        long count = table.rows.size() + table.duplicates.size();
        if (has(Fault.WRONG_ACK)) {
            ack.put("synced_at", LocalDateTime.now().withNano(0).toString());
            ack.put(kind.ackCountField(), String.valueOf(count));
        } else {
            ack.put("synced_at", Instant.now().toString());
            ack.put(kind.ackCountField(), count);
        }
        table.lastSync = Instant.now();
        return ack;
    }

    private void error(Context ctx, Table table, int status, String code, String message, Exception cause) {
        table.errors.incrementAndGet();
        if (has(Fault.PLAIN_TEXT_ERRORS)) {
            ctx.status(status).contentType("text/plain").result(message);
            return;
        }
        ObjectNode e = JSON.createObjectNode();
        e.put("status", "error");
        e.put("error", code);
        if (has(Fault.LEAKS_STACK_TRACE) && cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            e.put("message", trace.toString());
        } else {
            e.put("message", message);
        }
        ctx.status(status).contentType("application/json").result(e.toString());
    }

    // ---- GET /admin/replication/status ------------------------------------------------------

    private void status(Context ctx) {
        if (adminToken != null && !has(Fault.STATUS_WITHOUT_AUTH)
                && !("Bearer " + adminToken).equals(ctx.header("Authorization"))) {
            ctx.status(401).contentType("application/json")
                    .result("{\"status\":\"error\",\"error\":\"unauthorized\",\"message\":\"admin token required\"}");
            return;
        }
        ObjectNode s = JSON.createObjectNode();
        ArrayNode instances = s.putArray("instances");
        long success = 0;
        long failed = 0;
        Instant last = null;
        for (Map.Entry<EndpointKind, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            ObjectNode i = instances.addObject();
            i.put("instance_id", t.instanceId.toString());
            i.put("instance_name", e.getKey().key() + "-receiver");
            i.put("http_endpoint", baseUrl() + (e.getKey() == EndpointKind.PATTERNS ? "/sync/patterns" : "/sync/metrics"));
            i.put("is_active", true);
            if (t.lastSync == null) {
                i.putNull("last_sync_at");
            } else {
                i.put("last_sync_at", t.lastSync.toString());
            }
            i.put("success_count", t.success.get());
            i.put("error_count", t.errors.get());
            i.putNull("last_error");
            success += t.success.get();
            failed += t.errors.get();
            if (t.lastSync != null && (last == null || t.lastSync.isAfter(last))) {
                last = t.lastSync;
            }
        }
        ObjectNode q = s.putObject("queue_stats");
        q.put("pending", 0);
        if (has(Fault.STATUS_WRONG_SHAPE)) {
            q.put("success", String.valueOf(success));
        } else {
            q.put("success", success);
        }
        q.put("failed", failed);
        q.put("total", success + failed + (has(Fault.STATUS_FIGURES_DISAGREE) ? 3 : 0));
        if (last == null) {
            q.putNull("last_event_at");
        } else {
            q.put("last_event_at", last.toString());
        }
        s.put("replication_enabled", true);
        s.put("replication_interval_seconds", 5);
        ctx.status(200).contentType("application/json").result(s.toString());
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final Map<EndpointKind, List<String>> VALIDATOR_PROPERTIES = Map.of(
            EndpointKind.PATTERNS, List.of("id", "name", "ecosystem", "frequency", "confidence", "description",
                    "examples", "best_practices", "approved_at", "last_synced_at", "instances_count", "inserted_at",
                    "updated_at"),
            EndpointKind.METRICS, List.of("id", "period_start", "period_end", "jobs_completed", "jobs_failed",
                    "success_rate", "avg_execution_time_ms", "total_memory_used_mb", "p50_execution_time_ms",
                    "p95_execution_time_ms", "p99_execution_time_ms", "instance_id", "inserted_at", "updated_at"));

    /** One endpoint's rows and figures. */
    private static final class Table {
        final Map<String, ObjectNode> rows = new ConcurrentHashMap<>();
        final List<ObjectNode> duplicates = new CopyOnWriteArrayList<>();
        final AtomicLong inserts = new AtomicLong();
        final AtomicLong success = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final UUID instanceId = UUID.randomUUID();
        volatile Instant lastSync;
    }
}
