package org.replkit.conformance.selftest.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A correct receiver unlike the reference ones: the JDK's own HttpServer, no framework, no header
 * checks, no schema. It parses the body, needs a UUID id and a timestamp updated_at (without them it
 * cannot upsert), keeps the row with the newest updated_at, and acknowledges the stored row. It is as
 * lenient as a receiver can be while keeping every MUST. Its size limit is Express's default, 100 kB:
 * smaller than the reference receivers' 1 MiB, larger than every record the kit requires be taken.
 *
 * <p>{@link #shedding} makes it a small receiver that knows its limit (SYNC-SHED-01): one delivery at a
 * time, 30 ms of work each, at most 4 in line, and the others answered 503 at once with Retry-After
 * as an HTTP-date.
 */
public final class MinimalJdkReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 100 * 1024;

    private final HttpServer server;
    private final String token;
    private final Map<String, Map<String, ObjectNode>> tables = Map.of("patterns", new HashMap<>(), "metrics", new HashMap<>());
    /** Deliveries it takes at once before it sheds, and the work each one costs (ms). */
    private final int room;
    private final long workMs;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private MinimalJdkReceiver(String token, int room, long workMs) throws IOException {
        this.token = token;
        this.room = room;
        this.workMs = workMs;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/sync/patterns", ex -> handle(ex, "patterns", "pattern_id", "name", "pattern_name", "local_record_count"));
        server.createContext("/sync/metrics", ex -> handle(ex, "metrics", "metrics_id", "success_rate", "success_rate", "local_metrics_count"));
        server.start();
    }

    public static MinimalJdkReceiver start(String token) {
        try {
            return new MinimalJdkReceiver(token, Integer.MAX_VALUE, 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same receiver, small: one delivery at a time, 30 ms each, 4 in line; beyond that 503 with an HTTP-date Retry-After. */
    public static MinimalJdkReceiver shedding(String token) {
        try {
            return new MinimalJdkReceiver(token, 4, 30);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String patternsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sync/patterns";
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sync/metrics";
    }

    private void handle(HttpExchange ex, String table, String idField, String valueSource, String valueField,
                        String countField) throws IOException {
        try (ex) {
            if (inFlight.incrementAndGet() > room) {
                ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
                ex.getResponseHeaders().set("Retry-After", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(5)));
                answer(ex, 503, error("busy", "too many deliveries at once; nothing was stored"));
                return;
            }
            if (workMs > 0) {
                // One delivery at a time: a burst builds a line however it arrives.
                synchronized (this) {
                    try {
                        Thread.sleep(workMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    handleInTurn(ex, table, idField, valueSource, valueField, countField);
                }
                return;
            }
            handleInTurn(ex, table, idField, valueSource, valueField, countField);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void handleInTurn(HttpExchange ex, String table, String idField, String valueSource, String valueField,
                              String countField) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            answer(ex, 405, error("method_not_allowed", "POST only"));
            return;
        }
        if (token != null && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            answer(ex, 401, error("unauthorized", "bearer token required"));
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
            in.transferTo(OutputStream.nullOutputStream()); // the rest is read, so the answer is not a reset
        }
        if (body.length > MAX_BODY) {
            answer(ex, 413, error("too_large", "bodies up to 100 kB"));
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            answer(ex, 400, error("bad_json", "the body is not JSON"));
            return;
        }
        if (!(node instanceof ObjectNode record)) {
            answer(ex, 400, error("bad_json", "the body is not a JSON object"));
            return;
        }
        UUID id;
        Instant updated;
        try {
            id = UUID.fromString(record.path("id").asText());
            updated = OffsetDateTime.parse(record.path("updated_at").asText()).toInstant();
        } catch (RuntimeException e) {
            answer(ex, 400, error("invalid_record", "id must be a UUID and updated_at a timestamp"));
            return;
        }
        ObjectNode stored;
        int count;
        Map<String, ObjectNode> rows = tables.get(table);
        synchronized (rows) {
            ObjectNode current = rows.get(id.toString());
            if (current == null || updated.isAfter(OffsetDateTime.parse(current.path("updated_at").asText()).toInstant())) {
                rows.put(id.toString(), record);
            }
            stored = rows.get(id.toString());
            count = rows.size();
        }
        ObjectNode ack = JSON.createObjectNode();
        ack.put("status", "ok");
        ack.put(idField, id.toString());
        ack.set(valueField, stored.get(valueSource));
        ack.put("synced_at", Instant.now().toString());
        ack.put(countField, count);
        answer(ex, 200, ack);
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("status", "error");
        e.put("error", code);
        e.put("message", message);
        return e;
    }

    private static void answer(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
