package org.replkit.receivers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.testsupport.Records;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;
import tools.jackson.databind.JsonNode;

/**
 * Boundary values and hostile bodies, over real HTTP, on each store: every value that does not
 * fit its column is a 400 naming the field and stores nothing; every value that fits is stored as
 * the canonical form says; nothing is ever a 5xx (SYNC-ERR-07). Bodies are sent as raw bytes, so
 * escapes such as \\u0000 and \\ud800 reach the receiver exactly as written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputTest {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();
    private final HttpClient http = HttpClient.newHttpClient();
    private ReceiverServer server;

    abstract ReceiverOptions storeOptions();

    @BeforeAll
    void start() {
        server = ReceiverServer.start(storeOptions());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    /** One field of a valid record replaced by {@code rawValue}, JSON text as sent. */
    record Case(RecordKind kind, String field, String rawValue, int status, String stored) {
        @Override
        public String toString() {
            String shown = rawValue.length() > 40 ? rawValue.substring(0, 40) + "…" : rawValue;
            return kind.table() + "." + field + " = " + shown + " -> " + status;
        }
    }

    private static Case refused(RecordKind kind, String field, String raw) {
        return new Case(kind, field, raw, 400, null);
    }

    /** Accepted, and the stored field then reads {@code stored} (its canonical JSON text). */
    private static Case kept(RecordKind kind, String field, String raw, String stored) {
        return new Case(kind, field, raw, 200, stored);
    }

    static Stream<Arguments> boundaryValues() {
        RecordKind p = RecordKind.PATTERNS;
        RecordKind m = RecordKind.METRICS;
        return Stream.of(
                // integers: 64 bits, no fraction; 1.0 and 1e2 are integers
                refused(p, "frequency", "9223372036854775808"), refused(p, "frequency", "18446744073709551616"),
                refused(p, "frequency", "1e308"), refused(p, "frequency", "-1e308"), refused(p, "frequency", "1e400"),
                refused(p, "frequency", "1.5"), refused(p, "instances_count", "1e308"), refused(p, "instances_count", "2.5"),
                refused(m, "jobs_failed", "-9223372036854775809"), refused(m, "jobs_completed", "1e19"),
                kept(p, "frequency", "9223372036854775807", "9223372036854775807"), kept(p, "frequency", "1.0", "1"),
                kept(p, "frequency", "1e2", "100"), kept(m, "jobs_completed", "9223372036854775807", "9223372036854775807"),
                // numbers: what a double holds; a signed zero is kept as 0
                refused(p, "confidence", "1e309"), refused(p, "confidence", "1e-400"), refused(m, "avg_execution_time_ms", "1e309"),
                refused(m, "total_memory_used_mb", "2e-324"),
                kept(p, "confidence", "-0.0", "0.0"), kept(m, "success_rate", "-0.0", "0.0"), kept(p, "confidence", "5e-324", "4.9E-324"),
                kept(m, "total_memory_used_mb", "1.7976931348623157e308", "1.7976931348623157E308"),
                // text: PostgreSQL holds neither NUL nor an unpaired surrogate
                refused(p, "name", "\"nul\\u0000byte\""), refused(p, "name", "\"\\ud800\""), refused(p, "name", "\"a\\udc00b\""),
                refused(p, "description", "\"\\u0000\""), refused(p, "description", "\"tail \\ud83d\""), refused(m, "instance_id", "\"\\u0000\""),
                kept(p, "name", "\"\\ud83d\\ude00 emoji\"", "\"\ud83d\ude00 emoji\""),
                kept(p, "description", "\"\u05e9\u05dc\u05d5\u05dd right-to-left\"", "\"\u05e9\u05dc\u05d5\u05dd right-to-left\""),
                kept(p, "description", "\"%s%n'); DROP TABLE approved_patterns;--\"", "\"%s%n'); DROP TABLE approved_patterns;--\""),
                kept(p, "description", "\" \"", "\" \""),
                // jsonb: text inside it, keys included, and numbers PostgreSQL numeric holds
                refused(p, "examples", "{\"k\": \"\\u0000\"}"), refused(p, "examples", "{\"\\u0000\": 1}"),
                refused(p, "examples", "{\"k\": [\"\\udfff\"]}"), refused(p, "examples", "{\"k\": 1e200000}"),
                refused(p, "best_practices", "[\"ok\", \"\\ud800\"]"),
                kept(p, "examples", "{\"k\": [1, {\"x\": \"\\ud83d\\ude00\"}]}", "{\"k\":[1,{\"x\":\"\ud83d\ude00\"}]}"),
                // timestamps: RFC 3339 with an offset, years 0001 to 9999 in UTC
                refused(p, "approved_at", "\"0000-06-01T00:00:00Z\""), refused(p, "approved_at", "\"0001-01-01T00:00:00+01:00\""),
                refused(p, "approved_at", "\"2025-01-01T23:59:60Z\""), refused(p, "approved_at", "\"2025-02-30T00:00:00Z\""),
                refused(p, "approved_at", "\"2025-01-01T00:00:00+19:00\""), refused(p, "updated_at", "\"0000-01-01T00:00:00Z\""),
                refused(m, "period_start", "\"10000-01-01T00:00:00Z\""),
                kept(p, "approved_at", "\"9999-12-31T23:59:59.999999Z\"", "\"9999-12-31T23:59:59.999999Z\""),
                kept(p, "approved_at", "\"0001-01-01T00:30:00+00:30\"", "\"0001-01-01T00:00:00Z\""),
                kept(p, "approved_at", "\"2025-01-10T10:00:00.1234567+02:00\"", "\"2025-01-10T08:00:00.123456Z\"")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryValues")
    @Tag("SYNC-VAL-03")
    @Tag("SYNC-ERR-07")
    void aValueIsStoredAsItsColumnHoldsItOrRefusedNamingTheField(Case c) throws Exception {
        ObjectNode record = Records.of(c.kind());
        String id = record.get("id").asText();
        record.remove(c.field());
        String json = record.toString();
        String body = json.substring(0, json.length() - 1) + ",\"" + c.field() + "\":" + c.rawValue() + "}";
        long before = server.store().count(c.kind());

        HttpResponse<String> answer = post(c.kind(), body.getBytes(StandardCharsets.UTF_8));

        assertEquals(c.status(), answer.statusCode(), answer::body);
        if (c.status() == 200) {
            JsonNode stored = server.store().find(c.kind(), UUID.fromString(id)).orElseThrow().fields().get(c.field());
            assertEquals(c.stored(), RecordJson.writeString(stored));
            assertEquals(before + 1, server.store().count(c.kind()));
        } else {
            assertRefusedAndNothingStored(c.kind(), id, before, answer);
            assertTrue(answer.body().contains("$." + c.field()), () -> "the message does not name " + c.field() + ": " + answer.body());
        }
    }

    @Test
    @Tag("SYNC-ERR-07")
    void aDuplicatedKeyIsRefusedAndNeitherCopyIsStored() throws Exception {
        RecordKind kind = RecordKind.PATTERNS;
        ObjectNode record = Records.pattern();
        String id = record.get("id").asText();
        String json = record.toString();
        String otherId = UUID.randomUUID().toString();
        for (String duplicate : List.of(",\"name\":\"second\"", ",\"id\":\"" + otherId + "\"",
                ",\"examples\":{\"k\":1,\"k\":2}", ",\"frequency\":1,\"frequency\":1")) {
            long before = server.store().count(kind);
            String body = json.substring(0, json.length() - 1) + duplicate + "}";
            HttpResponse<String> answer = post(kind, body.getBytes(StandardCharsets.UTF_8));
            assertRefusedAndNothingStored(kind, id, before, answer);
            assertFalse(server.store().find(kind, UUID.fromString(otherId)).isPresent(), "the last copy of id was stored");
            assertTrue(answer.body().contains("Duplicate"), answer.body());
        }
    }

    @Test
    @Tag("SYNC-ERR-07")
    void bytesThatAreNotUtf8OrEncodeASurrogateAreRefused() throws Exception {
        RecordKind kind = RecordKind.PATTERNS;
        for (byte[] inName : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            ObjectNode record = Records.pattern();
            String id = record.get("id").asText();
            String[] around = record.put("name", "@@").toString().split("@@");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(around[0].getBytes(StandardCharsets.UTF_8));
            body.write(inName);
            body.write(around[1].getBytes(StandardCharsets.UTF_8));
            long before = server.store().count(kind);
            assertRefusedAndNothingStored(kind, id, before, post(kind, body.toByteArray()));
        }
    }

    @Test
    @Tag("SYNC-ERR-07")
    void nestingIsStoredUpToTheLimitAndRefusedBeyondIt() throws Exception {
        RecordKind kind = RecordKind.PATTERNS;
        // "examples" is level 2 of the document; its innermost object sits at RecordJson.MAX_NESTING_DEPTH.
        int deepest = RecordJson.MAX_NESTING_DEPTH - 1;
        ObjectNode record = Records.pattern();
        String id = record.get("id").asText();
        record.remove("examples");
        String json = record.toString();
        String fits = json.substring(0, json.length() - 1) + ",\"examples\":" + "{\"a\":".repeat(deepest - 1) + "{}" + "}".repeat(deepest - 1) + "}";
        assertEquals(200, post(kind, fits.getBytes(StandardCharsets.UTF_8)).statusCode());
        assertTrue(server.store().find(kind, UUID.fromString(id)).isPresent());

        ObjectNode other = Records.pattern();
        other.remove("examples");
        json = other.toString();
        String tooDeep = json.substring(0, json.length() - 1) + ",\"examples\":" + "{\"a\":".repeat(deepest) + "{}" + "}".repeat(deepest) + "}";
        long before = server.store().count(kind);
        HttpResponse<String> refused = post(kind, tooDeep.getBytes(StandardCharsets.UTF_8));
        assertRefusedAndNothingStored(kind, other.get("id").asText(), before, refused);
        assertTrue(refused.body().contains("nesting depth"), refused.body());

        String arrays = "[".repeat(50_000) + "]".repeat(50_000);
        assertRefusedAndNothingStored(kind, UUID.randomUUID().toString(), server.store().count(kind), post(kind, arrays.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Tag("SYNC-ERR-05")
    void aStringJustUnderTheBodyLimitIsStoredWholeAndOneOverItIs413() throws Exception {
        RecordKind kind = RecordKind.PATTERNS;
        ObjectNode record = Records.pattern();
        String id = record.get("id").asText();
        String description = "\u00e9".repeat(400_000) + "x".repeat(240_000);     // 1,040,000 bytes in UTF-8
        record.put("description", description);
        assertEquals(200, post(kind, record.toString().getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(description, server.store().find(kind, UUID.fromString(id)).orElseThrow().fields().get("description").stringValue());

        ObjectNode big = Records.pattern();
        big.put("description", "x".repeat(2 * 1024 * 1024));
        HttpResponse<String> answer = post(kind, big.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(413, answer.statusCode(), answer::body);
        assertFalse(server.store().find(kind, UUID.fromString(big.get("id").asText())).isPresent());
    }

    @Test
    @Tag("SYNC-ERR-02")
    void nonNumbersAndOtherNonJsonLiteralsAreRefused() throws Exception {
        RecordKind kind = RecordKind.METRICS;
        for (String literal : List.of("NaN", "Infinity", "-Infinity", "0x10", "+1", ".5", "01")) {
            ObjectNode record = Records.metrics();
            String id = record.get("id").asText();
            String body = record.toString().replace("\"success_rate\":0.98", "\"success_rate\":" + literal);
            assertRefusedAndNothingStored(kind, id, server.store().count(kind), post(kind, body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void assertRefusedAndNothingStored(RecordKind kind, String id, long countBefore, HttpResponse<String> answer) {
        assertEquals(400, answer.statusCode(), answer::body);
        assertTrue(SCHEMAS.isValid(SpecSchema.ERROR, answer.body()), answer::body);
        assertEquals(countBefore, server.store().count(kind), "a refused record changed the count");
        assertFalse(server.store().find(kind, UUID.fromString(id)).isPresent(), "a refused record was stored");
    }

    private HttpResponse<String> post(RecordKind kind, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + kind.path()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
