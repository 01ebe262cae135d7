package org.replkit.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.records.BoundaryValues;
import org.replkit.conformance.records.BoundaryValues.Boundary;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.ValueClass;

/**
 * The campaign's judgement with no server: what the contract says about each sort of hostile
 * request, and which one requirement each answer counts against. Plus: a seed decides the requests.
 */
class OracleAndJudgeTest {

    private static final EndpointKind P = EndpointKind.PATTERNS;

    private static FuzzCase plain(Mutation m) {
        ObjectNode base = Samples.record(P, UUID.fromString("0194a7b2-6c1e-7f3a-9d2b-4e5f6a7b8c9d"),
                java.time.Instant.parse("2025-01-10T10:00:00Z"));
        return new FuzzCase(0, P, "test", base, List.of(), m, "INSERT");
    }

    private static FuzzCase with(String field, String json) {
        Boundary b = BoundaryValues.of(P).stream().filter(x -> x.field().equals(field) && x.json().equals(json)).findFirst()
                .orElseThrow(() -> new AssertionError("no boundary value " + field + " = " + json));
        return new FuzzCase(0, P, "test", plain(new Mutation.None()).base(), List.of(b), new Mutation.None(), "INSERT");
    }

    private static ValueClass classify(FuzzCase c) {
        return Oracle.classify(c.render());
    }

    private static void owned(String owner, FuzzCase c) {
        ValueClass v = classify(c);
        assertEquals(owner, v.requirementId(), c.describe() + ": " + v);
    }

    private static void allowed(FuzzCase c) {
        ValueClass v = classify(c);
        assertTrue(v.isAllowed(), c.describe() + ": " + v);
        assertNull(v.requirementId());
    }

    @Test
    void theSendersOwnDeliveryIsAcceptanceAndADeliveryByHandIsHdr04() {
        ValueClass v = classify(plain(new Mutation.None()));
        assertTrue(v.isSendable());
        assertEquals("SYNC-ACCEPT-01", v.requirementId());
        owned("SYNC-HDR-04", plain(new Mutation.NoSyncHeaders()));
        owned("SYNC-ACCEPT-01", with("frequency", "9223372036854775807"));
        owned("SYNC-ACCEPT-01", with("confidence", "0." + "0".repeat(323) + "5"));
    }

    @Test
    void bodiesThatAreNotOneJsonObjectAreSyncErr02() {
        owned("SYNC-ERR-02", plain(new Mutation.RawBody("null", "null")));
        owned("SYNC-ERR-02", plain(new Mutation.RawBody("empty", "")));
        owned("SYNC-ERR-02", plain(new Mutation.RawBody("deep", "[".repeat(50_000) + "]".repeat(50_000))));
        owned("SYNC-ERR-02", plain(new Mutation.Wrap("array", "[", "]", false)));
        owned("SYNC-ERR-02", plain(new Mutation.Wrap("twice", "", "", true)));
        owned("SYNC-ERR-02", plain(new Mutation.Truncate(500)));
        owned("SYNC-ERR-02", plain(new Mutation.Flips(List.of(new Mutation.Flip(0, 0x80)))));
    }

    @Test
    void sizeAndContentTypeComeFirst() {
        FuzzCase huge = new FuzzCase(0, P, "test", plain(new Mutation.None()).base(),
                List.of(new Boundary("description", "\"" + "x".repeat(2_000_000) + "\"", "2 MB", ValueClass.sendable())),
                new Mutation.ContentType("text/plain", false), "INSERT");
        owned("SYNC-ERR-05", huge);
        owned("SYNC-ERR-04", plain(new Mutation.ContentType("text/plain", false)));
        owned("SYNC-ERR-04", plain(new Mutation.ContentType(null, false)));
        owned("SYNC-ERR-04", plain(new Mutation.ContentType("", false)));
        owned("SYNC-ERR-04", plain(new Mutation.ContentType("application/jsonx", false)));
        allowed(plain(new Mutation.ContentType("application/json;;;", false)));
        allowed(plain(new Mutation.ContentType("APPLICATION/JSON", false)));
        FuzzCase latin1 = new FuzzCase(0, P, "test", plain(new Mutation.None()).base(),
                List.of(new Boundary("name", "\"Café\"", "latin-1", ValueClass.sendable())),
                new Mutation.ContentType("application/json; charset=iso-8859-1", true), "INSERT");
        allowed(latin1);
    }

    @Test
    void headersAreTheHeaderRulesAndUnknownOnesAreAllowed() {
        owned("SYNC-HDR-02", plain(new Mutation.Header(FuzzCase.TABLE, "execution_metrics")));
        allowed(plain(new Mutation.Header(FuzzCase.TABLE, "APPROVED_PATTERNS")));
        owned("SYNC-HDR-03", plain(new Mutation.Header(FuzzCase.EVENT_TYPE, "insert")));
        owned("SYNC-HDR-03", plain(new Mutation.Header(FuzzCase.EVENT_TYPE, "INSERT\u00ff")));
        owned("SYNC-HDR-01", plain(new Mutation.Header(FuzzCase.RECORD_ID, UUID.randomUUID().toString())));
        allowed(plain(new Mutation.Header(FuzzCase.RECORD_ID, "0194A7B2-6C1E-7F3A-9D2B-4E5F6A7B8C9D")));
        allowed(plain(new Mutation.Header("X-Kit-Probe", "${jndi:ldap://127.0.0.1:1/kit}")));
        allowed(plain(new Mutation.DuplicateKey("name", "\"first\"")));
    }

    @Test
    void recordsAreJudgedByTheirWorstValue() {
        owned("PAT-VAL-02", with("frequency", "9223372036854775808"));
        owned("SYNC-VAL-03", with("frequency", "1.5"));
        allowed(with("name", "\"a\\u0000b\""));
        allowed(with("examples", BoundaryValues.nestedObject(50_000)));
    }

    // ---- judging answers --------------------------------------------------------------------

    private static final FuzzCase SENDABLE = plain(new Mutation.None());
    private static final FuzzCase NOT_JSON = plain(new Mutation.Truncate(500));
    private static final FuzzCase MAY = plain(new Mutation.ContentType("application/json;;;", false));

    private static Optional<Finding> judge(FuzzCase c, Answer a) {
        Request r = c.render();
        return Judge.judge(c, r, Oracle.classify(r), a);
    }

    private static void finds(FindingKind kind, String requirement, FuzzCase c, Answer a) {
        Finding f = judge(c, a).orElseThrow(() -> new AssertionError("no finding for " + c.describe() + " answered " + a));
        assertEquals(kind, f.kind(), f.message());
        assertEquals(requirement, f.requirementId(), f.message());
    }

    @Test
    void eachAnswerCountsAgainstOneRequirement() {
        assertTrue(judge(SENDABLE, answer(200, 3)).isEmpty());
        finds(FindingKind.REFUSED_SENDABLE, "SYNC-ACCEPT-01", SENDABLE, answer(400, 3));
        finds(FindingKind.SERVER_ERROR, "SYNC-ACCEPT-01", SENDABLE, answer(503, 3));
        finds(FindingKind.NO_ANSWER, "SYNC-ACCEPT-01", SENDABLE, noAnswer("connection reset", false));

        assertTrue(judge(NOT_JSON, answer(400, 3)).isEmpty());
        assertTrue(judge(NOT_JSON, answer(415, 3)).isEmpty(), "which refusal status is kit verify's to judge");
        finds(FindingKind.ACCEPTED_INVALID, "SYNC-ERR-02", NOT_JSON, answer(200, 3));
        finds(FindingKind.SERVER_ERROR, "SYNC-ERR-07", NOT_JSON, answer(500, 3));
        finds(FindingKind.OTHER_STATUS, "SYNC-ERR-07", NOT_JSON, answer(422, 3));
        finds(FindingKind.NO_ANSWER, "SYNC-ERR-07", NOT_JSON, noAnswer("connection reset", false));

        assertTrue(judge(MAY, answer(200, 3)).isEmpty());
        assertTrue(judge(MAY, answer(400, 3)).isEmpty());
        finds(FindingKind.SERVER_ERROR, "SYNC-ERR-07", MAY, answer(500, 3));
        finds(FindingKind.NO_ANSWER, "SYNC-ERR-07", MAY, noAnswer("connection closed without an answer", false));
    }

    @Test
    void aLateAnswerIsSyncTime01UnlessItIsA5xx() {
        finds(FindingKind.TOO_SLOW, "SYNC-TIME-01", SENDABLE, answer(200, 5_500));
        finds(FindingKind.TOO_SLOW, "SYNC-TIME-01", NOT_JSON, answer(400, 5_001));
        finds(FindingKind.TOO_SLOW, "SYNC-TIME-01", NOT_JSON, noAnswer("no answer within the kit's wait", true));
        finds(FindingKind.SERVER_ERROR, "SYNC-ERR-07", NOT_JSON, answer(500, 7_000));
        assertTrue(judge(SENDABLE, answer(200, 4_999)).isEmpty());
    }

    private static Answer answer(int status, long millis) {
        return new Answer(new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of(), new byte[0], status, Map.of(),
                "{}", millis, null, false), "{}");
    }

    private static Answer noAnswer(String error, boolean timedOut) {
        return new Answer(new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of(), new byte[0], null, null, null,
                10_000, error, timedOut), null);
    }

    // ---- determinism ------------------------------------------------------------------------

    @Test
    void theSeedDecidesEveryRequest() {
        List<EndpointKind> both = List.of(EndpointKind.PATTERNS, EndpointKind.METRICS);
        CaseGenerator a = new CaseGenerator(both, 42);
        CaseGenerator b = new CaseGenerator(both, 42);
        CaseGenerator other = new CaseGenerator(both, 43);
        int differ = 0;
        for (long i = 0; i < 200; i++) {
            Request ra = a.make(i).render();
            Request rb = b.make(i).render();
            assertArrayEquals(ra.body(), rb.body(), "request " + i);
            assertEquals(ra.headers(), rb.headers(), "request " + i);
            assertEquals(ra.contentType(), rb.contentType(), "request " + i);
            if (!java.util.Arrays.equals(ra.body(), other.make(i).render().body())) {
                differ++;
            }
        }
        assertTrue(differ > 150, "another seed sends other requests: " + differ);
    }

    @Test
    void everyFamilyAppearsInAFewHundredRequests() {
        CaseGenerator g = new CaseGenerator(List.of(EndpointKind.PATTERNS, EndpointKind.METRICS), 5);
        java.util.Set<String> families = new java.util.HashSet<>();
        java.util.Set<ValueClass.Kind> classes = new java.util.HashSet<>();
        for (long i = 0; i < 400; i++) {
            FuzzCase c = g.make(i);
            families.add(c.generator());
            classes.add(Oracle.classify(c.render()).kind());
        }
        assertEquals(java.util.Set.of(CaseGenerator.BOUNDARY, CaseGenerator.FLIPS, CaseGenerator.TRUNCATION,
                CaseGenerator.STRUCTURE, CaseGenerator.CONTENT_TYPE, CaseGenerator.HEADERS), families);
        assertEquals(java.util.Set.of(ValueClass.Kind.values()), classes);
        assertFalse(families.isEmpty());
    }
}
