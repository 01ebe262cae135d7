package org.replkit.receivers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.testsupport.Records;
import org.replkit.receivers.testsupport.TestPostgres;

/**
 * A hostile campaign in miniature: valid records with 1 to 4 fields replaced by boundary values of
 * their JSON Schema type (the way Schemathesis derives them), each sent to both stores. Whatever
 * the mix: never a 5xx; both stores answer alike; a record is answered 200 exactly when every value
 * in it is valid for its field, and then it is stored, else nothing is stored (SYNC-ERR-07).
 * QuickTheories shrinks a failure to the fewest, simplest replacements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputPropertyTest {

    /** A boundary value as JSON text, and whether a field of its class accepts it. */
    private record Value(String json, boolean valid) {}

    private static Value ok(String json) {
        return new Value(json, true);
    }

    private static Value bad(String json) {
        return new Value(json, false);
    }

    private static final List<Value> NON_NEGATIVE_INTEGER = List.of(ok("0"), ok("1"), ok("9223372036854775807"), ok("1.0"),
            ok("1e2"), ok("-0"), bad("-1"), bad("9223372036854775808"), bad("-9223372036854775809"),
            bad("18446744073709551616"), bad("1e308"), bad("-1e308"), bad("1.5"), bad("1e-300"), bad("\"1\""), bad("[]"), bad("true"));
    /** instances_count is an integer column at the sender (int4): its schema's maximum is 2^31 - 1. */
    private static final List<Value> NON_NEGATIVE_INT4 = List.of(ok("0"), ok("1"), ok("2147483647"), ok("1.0"),
            bad("2147483648"), bad("9223372036854775807"), bad("-1"), bad("1e308"), bad("1.5"), bad("\"1\""));
    private static final List<Value> UNIT_INTERVAL = List.of(ok("0"), ok("1"), ok("0.5"), ok("-0.0"), ok("5e-324"), ok("1.0"),
            bad("1.0000001"), bad("-1e-300"), bad("1e-400"), bad("1e309"), bad("-1e309"), bad("\"NaN\""), bad("{}"));
    private static final List<Value> NON_NEGATIVE_NUMBER = List.of(ok("0"), ok("1.7976931348623157e308"), ok("5e-324"), ok("-0.0"),
            ok("12345.678"), ok("7"), bad("-1"), bad("1e309"), bad("1e-400"), bad("\"5\""));
    // Required names are never blank (the sender's CHECK constraints, the schema's pattern \\S).
    private static final List<Value> SHORT_TEXT = List.of(ok("\"x\""), bad("\" \""), bad("\"\\t \""), ok("\"\\ud83d\\ude00\""), ok("\"\u05e9\u05dc\u05d5\u05dd\""),
            ok("\"" + "y".repeat(64) + "\""), ok("\"%s%n'; DROP TABLE t;--\""), bad("\"\""), bad("\"a\\u0000\""), bad("\"\\ud800\""),
            bad("\"\\udc00x\""), bad("\"" + "z".repeat(256) + "\""), bad("5"), bad("[\"x\"]"));
    private static final List<Value> FREE_TEXT = List.of(ok("\"\""), ok("\"" + "w".repeat(10_000) + "\""), ok("\"\\ud83d\\ude00\""),
            bad("\"\\u0000\""), bad("\"x\\ud83d\""), bad("5"), bad("{}"));
    private static final List<Value> TIMESTAMP = List.of(ok("\"2025-01-10T10:00:00Z\""), ok("\"9999-12-31T23:59:59.999999Z\""),
            ok("\"0001-01-01T00:00:00Z\""), ok("\"2025-01-10t10:00:00+05:30\""), bad("\"0000-01-01T00:00:00Z\""),
            bad("\"2025-02-30T00:00:00Z\""), bad("\"2025-01-01T23:59:60Z\""), bad("\"yesterday\""), bad("\"\""), bad("1736503200"),
            bad("\"2025-01-01T00:00:00+19:00\""));
    private static final List<Value> JSON_OBJECT = List.of(ok("{}"), ok("{\"k\":[1,\"\\ud83d\\ude00\"]}"), ok("{\"k\":1e300}"),
            bad("{\"k\":\"\\u0000\"}"), bad("{\"\\ud800\":1}"), bad("{\"k\":1e200000}"), bad("[]"), bad("\"x\""));
    private static final List<Value> STRING_ARRAY = List.of(ok("[]"), ok("[\"a\",\"\"]"), bad("[\"\\u0000\"]"), bad("[1]"), bad("{}"));

    /** The replaceable fields of each kind and their value classes; metrics' cross-field rules (periods, percentiles) are left out. */
    private static final Map<RecordKind, Map<String, List<Value>>> FIELDS = Map.of(
            RecordKind.PATTERNS, ordered("name", SHORT_TEXT, "ecosystem", SHORT_TEXT, "frequency", NON_NEGATIVE_INTEGER,
                    "confidence", UNIT_INTERVAL, "description", FREE_TEXT, "examples", JSON_OBJECT, "best_practices", STRING_ARRAY,
                    "approved_at", TIMESTAMP, "last_synced_at", TIMESTAMP, "instances_count", NON_NEGATIVE_INT4,
                    "inserted_at", TIMESTAMP, "updated_at", TIMESTAMP),
            RecordKind.METRICS, ordered("instance_id", SHORT_TEXT, "jobs_completed", NON_NEGATIVE_INTEGER,
                    "jobs_failed", NON_NEGATIVE_INTEGER, "success_rate", UNIT_INTERVAL, "avg_execution_time_ms", NON_NEGATIVE_NUMBER,
                    "total_memory_used_mb", NON_NEGATIVE_NUMBER, "inserted_at", TIMESTAMP, "updated_at", TIMESTAMP));

    private static final Set<String> OPTIONAL = Set.of("description", "examples", "best_practices", "approved_at", "last_synced_at",
            "instances_count", "avg_execution_time_ms", "total_memory_used_mb");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String pgUrl = TestPostgres.freshSchemaUrl();
    private ReceiverServer memory;
    private ReceiverServer postgres;

    @BeforeAll
    void start() {
        memory = ReceiverServer.start(ReceiverOptions.embedded());
        postgres = ReceiverServer.start(ReceiverOptions.embedded().withDbUrl(pgUrl));
    }

    @AfterAll
    void stop() {
        if (memory != null) memory.close();
        if (postgres != null) postgres.close();
        TestPostgres.dropSchema(pgUrl);
    }

    @Test
    @Tag("SYNC-ERR-07")
    @Tag("SYNC-VAL-03")
    void recordsWithBoundaryValuesAreStoredExactlyWhenValidAndNeverGet5xx() {
        qt().withExamples(400).withShrinkCycles(300)
                .forAll(integers().between(0, 1), lists().of(integers().between(0, 9_999)).ofSizeBetween(2, 8))
                .checkAssert((kindPick, picks) -> {
                    RecordKind kind = RecordKind.values()[kindPick];
                    Map<String, Value> replaced = replacements(kind, picks);
                    ObjectNode record = Records.of(kind);
                    String id = record.get("id").asText();
                    replaced.keySet().forEach(record::remove);
                    StringBuilder body = new StringBuilder(record.toString());
                    body.setLength(body.length() - 1);
                    replaced.forEach((field, value) -> body.append(",\"").append(field).append("\":").append(value.json()));
                    body.append('}');
                    boolean valid = replaced.entrySet().stream()
                            .allMatch(e -> e.getValue().valid() || (e.getValue().json().equals("null") && OPTIONAL.contains(e.getKey())));

                    int fromMemory = deliverAndCheck(memory, kind, id, body.toString(), valid, replaced);
                    int fromPostgres = deliverAndCheck(postgres, kind, id, body.toString(), valid, replaced);
                    assertEquals(fromMemory, fromPostgres, () -> "the stores disagree on " + replaced);
                });
    }

    /** Pairs of picks: which field (distinct, 1 to 4 of them) and which of its boundary values, or null. */
    private static Map<String, Value> replacements(RecordKind kind, List<Integer> picks) {
        List<String> fields = new ArrayList<>(FIELDS.get(kind).keySet());
        Map<String, Value> replaced = new LinkedHashMap<>();
        for (int i = 0; i + 1 < picks.size() && replaced.size() < 4; i += 2) {
            String field = fields.get(picks.get(i) % fields.size());
            List<Value> values = FIELDS.get(kind).get(field);
            int v = picks.get(i + 1) % (values.size() + 1);
            replaced.putIfAbsent(field, v == values.size() ? bad("null") : values.get(v));
        }
        return replaced;
    }

    private int deliverAndCheck(ReceiverServer server, RecordKind kind, String id, String body, boolean valid, Map<String, Value> replaced) {
        long before = server.store().count(kind);
        HttpResponse<String> answer = post(server, kind, body);
        int status = answer.statusCode();
        String where = server.store().describe() + " answered " + status + " " + answer.body() + " to " + replaced;
        assertTrue(status < 500, where);
        assertEquals(valid ? 200 : 400, status, where);
        boolean stored = server.store().find(kind, UUID.fromString(id)).isPresent();
        assertEquals(valid, stored, where);
        assertEquals(before + (valid ? 1 : 0), server.store().count(kind), where);
        return status;
    }

    private HttpResponse<String> post(ReceiverServer server, RecordKind kind, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + kind.path()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(server.store().describe() + " gave no answer (" + e + ") to " + body);
        }
    }

    private static Map<String, List<Value>> ordered(Object... pairs) {
        Map<String, List<Value>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Value> values = (List<Value>) pairs[i + 1];
            map.put((String) pairs[i], values);
        }
        return map;
    }
}
