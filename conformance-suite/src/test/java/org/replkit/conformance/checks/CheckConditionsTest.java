package org.replkit.conformance.checks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.Session;
import org.replkit.conformance.checks.support.Target;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.model.SenderLink;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Snapshots;
import org.replkit.spec.Profile;
import org.replkit.spec.SchemaValidator;

/**
 * The conditions the checks judge with, each fed one good and one bad canned answer, with no server
 * (after the OpenID conformance suite's condition tests). The whole-run tests (SelfTestMatrixTest)
 * come on top of these. How answers to client mistakes are judged is RefusalsTest.
 */
class CheckConditionsTest {

    private static final SchemaValidator VALIDATOR = new SchemaValidator();
    private static final ReceiverUnderTest PATTERNS = receiver(EndpointKind.PATTERNS);

    // ---- PAT-ACK-01 / MET-ACK-01 --------------------------------------------------------------

    @Test
    void anAckOfTheStoredRowInUtcKeepsTheAckRule() {
        ObjectNode record = Samples.fresh(EndpointKind.PATTERNS);
        Answer good = answer(200, ack(record, "gen_server_pattern", Instant.now().toString(), 3));
        assertDoesNotThrow(() -> AckChecks.describesTheRecord(EndpointKind.PATTERNS, VALIDATOR, record, good));
    }

    @Test
    void anAckWithLocalTimeOrAnotherIdOrACountAsTextBreaksIt() {
        ObjectNode record = Samples.fresh(EndpointKind.PATTERNS);
        for (String bad : new String[] {
                ack(record, "gen_server_pattern", "2025-01-10T10:00:00+02:00", 3),
                ack(record, "gen_server_pattern", Instant.now().toString(), 3).replace(record.get("id").asText(), UUID.randomUUID().toString()),
                ack(record, "gen_server_pattern", Instant.now().toString(), 3).replace("\"local_record_count\":3", "\"local_record_count\":\"3\""),
                ack(record, "another_name", Instant.now().toString(), 3)}) {
            assertThrows(CheckFailure.class, () -> AckChecks.describesTheRecord(EndpointKind.PATTERNS, VALIDATOR, record,
                    answer(200, bad)), bad);
        }
    }

    // ---- SYNC-IDEM-02, 03, 06: what the ack shows ---------------------------------------------

    @Test
    void anAckShowingTheNewestSnapshotKeepsTheRule() {
        Snapshots s = new Snapshots(EndpointKind.PATTERNS, UUID.randomUUID(), Instant.now(), Duration.ofSeconds(1));
        Answer shown = answer(200, "{\"pattern_name\":" + s.ackValue(2) + "}");
        assertDoesNotThrow(() -> IdempotencyChecks.showsVersion(PATTERNS, shown, s, 2, 1, "the ack"));
    }

    @Test
    void anAckShowingTheStaleSnapshotSaysWhatItCanMean() {
        Snapshots s = new Snapshots(EndpointKind.PATTERNS, UUID.randomUUID(), Instant.now(), Duration.ofSeconds(1));
        Answer stale = answer(200, "{\"pattern_name\":" + s.ackValue(1) + "}");
        CheckFailure f = assertThrows(CheckFailure.class, () -> IdempotencyChecks.showsVersion(PATTERNS, stale, s, 2, 1, "the ack"));
        assertTrue(f.getMessage().contains("Either this stale snapshot overwrote the newer one, or the acknowledgement"
                + " shows the delivered values rather than the stored row (PAT-ACK-01)"), f.getMessage());
        assertEquals(String.valueOf(s.ackValue(2)), f.expected());
    }

    @Test
    void anAckThatCannotShowTheStoredRowCannotTell() {
        Snapshots s = new Snapshots(EndpointKind.PATTERNS, UUID.randomUUID(), Instant.now(), Duration.ofSeconds(1));
        CannotTell c = assertThrows(CannotTell.class,
                () -> IdempotencyChecks.showsVersion(PATTERNS, answer(200, "{\"status\":\"ok\"}"), s, 2, 1, "the ack"));
        assertEquals("PAT-ACK-01", c.blockedBy());
    }

    // ---- SYNC-COUNT-01 and the rules that count: the count is read, or cannot be told --------

    @Test
    void anIntegerCountIsReadAndAMissingOneCannotTell() {
        assertEquals(42, PATTERNS.countOf(answer(200, "{\"local_record_count\":42}"), "probe"));
        CannotTell c = assertThrows(CannotTell.class, () -> PATTERNS.countOf(answer(200, "{\"status\":\"ok\"}"), "probe"));
        assertEquals("PAT-ACK-01", c.blockedBy());
        assertThrows(CannotTell.class, () -> PATTERNS.countOf(answer(200, "{\"local_record_count\":\"42\"}"), "probe"));
    }

    @Test
    void aFreshRecordRefusedIsNothingToObserveNotAFailure() {
        assertDoesNotThrow(() -> PATTERNS.acceptedAsObservation(answer(200, "{}"), "a fresh record"));
        CannotTell c = assertThrows(CannotTell.class, () -> PATTERNS.acceptedAsObservation(answer(400, "{}"), "a fresh record"));
        assertEquals("SYNC-ACCEPT-01", c.blockedBy());
    }

    // ---- SYNC-TIME-01 -------------------------------------------------------------------------

    @Test
    void anAnswerWithinTheTimeoutKeepsTheTimeRuleAndALateOneBreaksIt() {
        assertDoesNotThrow(() -> TimelinessChecks.answeredInTime(answer(200, "{}", 4_999), Duration.ofSeconds(5)));
        assertThrows(CheckFailure.class, () -> TimelinessChecks.answeredInTime(answer(200, "{}", 5_000), Duration.ofSeconds(5)));
        assertThrows(CheckFailure.class, () -> TimelinessChecks.answeredInTime(noAnswer(Http.NO_ANSWER_IN_TIME, true),
                Duration.ofSeconds(5)));
        // A dropped connection is not lateness: the rule the request belongs to judges it.
        assertDoesNotThrow(() -> TimelinessChecks.answeredInTime(noAnswer("connection reset", false), Duration.ofSeconds(5)));
    }

    // ---- SYNC-SHED-01 -------------------------------------------------------------------------

    @Test
    void lateDeliveriesShedWithRetryAfterKeepTheShedRule() {
        String httpDate = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(5));
        assertDoesNotThrow(() -> TimelinessChecks.shedRatherThanLate(java.util.List.of(answer(200, "{}", 900),
                shed(503, "5", 20), shed(429, httpDate, 20)), Duration.ofSeconds(5)));
    }

    @Test
    void aLateAnswerWithoutSheddingOrASheddingWithoutRetryAfterBreaksIt() {
        assertThrows(CheckFailure.class, () -> TimelinessChecks.shedRatherThanLate(java.util.List.of(answer(200, "{}", 900),
                answer(200, "{}", 5_200)), Duration.ofSeconds(5)));
        assertThrows(CheckFailure.class, () -> TimelinessChecks.shedRatherThanLate(java.util.List.of(answer(200, "{}", 900),
                noAnswer(Http.NO_ANSWER_IN_TIME, true)), Duration.ofSeconds(5)));
        assertThrows(CheckFailure.class, () -> TimelinessChecks.shedRatherThanLate(java.util.List.of(answer(200, "{}", 900),
                answer(503, "{}", 20)), Duration.ofSeconds(5)));
        assertThrows(CheckFailure.class, () -> TimelinessChecks.shedRatherThanLate(java.util.List.of(shed(503, "soon", 20)),
                Duration.ofSeconds(5)));
    }

    @Test
    void aBurstThatDidNotOverloadTheReceiverCannotTell() {
        assertThrows(CannotTell.class, () -> TimelinessChecks.shedRatherThanLate(java.util.List.of(answer(200, "{}", 900),
                answer(200, "{}", 40)), Duration.ofSeconds(5)));
    }

    static Answer shed(int status, String retryAfter, long millis) {
        String body = "{\"status\":\"error\",\"error\":\"overloaded\",\"message\":\"busy\"}";
        return new Answer(new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of(), new byte[0], status,
                Map.of("retry-after", retryAfter), body, millis, null, false), body);
    }

    // ---- STAT-FIG-01 ---------------------------------------------------------------------------

    @Test
    void figuresThatAddUpKeepTheRuleAndOthersBreakIt() {
        String good = "{\"queue_stats\":{\"pending\":1,\"success\":5,\"failed\":2,\"total\":8}}";
        assertDoesNotThrow(() -> StatusChecks.figuresAddUp(answer(200, good)));
        assertThrows(CheckFailure.class, () -> StatusChecks.figuresAddUp(answer(200, good.replace("8}", "11}"))));
        // A figure written as text is the shape's rule (STAT-SCHEMA-01), not this one's.
        CannotTell c = assertThrows(CannotTell.class, () -> StatusChecks.figuresAddUp(answer(200, good.replace("\"success\":5", "\"success\":\"5\""))));
        assertEquals("STAT-SCHEMA-01", c.blockedBy());
    }

    // ---- E2E-01 --------------------------------------------------------------------------------

    @Test
    void aDeliveryAuditedAsSuccessKeepsTheRuleAndAFailedOneBreaksIt() {
        assertDoesNotThrow(() -> EndToEndChecks.auditedAsSuccess(new SenderLink.Delivery("success", 200, "{}")));
        assertThrows(CheckFailure.class, () -> EndToEndChecks.auditedAsSuccess(
                new SenderLink.Delivery("failed", null, "Timeout of 1000 ms reached")));
    }

    // ---- canned answers --------------------------------------------------------------------------

    private static String ack(ObjectNode record, String name, String syncedAt, int count) {
        return "{\"status\":\"ok\",\"pattern_id\":\"" + record.get("id").asText() + "\",\"pattern_name\":\"" + name
                + "\",\"synced_at\":\"" + syncedAt + "\",\"local_record_count\":" + count + "}";
    }

    static Answer answer(int status, String body) {
        return answer(status, body, 3);
    }

    static Answer answer(int status, String body, long millis) {
        return new Answer(new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of(), new byte[0], status, Map.of(),
                body, millis, null, false), body);
    }

    static Answer noAnswer(String error, boolean timedOut) {
        return new Answer(new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of(), new byte[0], null, null, null,
                6000, error, timedOut), null);
    }

    private static ReceiverUnderTest receiver(EndpointKind kind) {
        URI url = URI.create("http://127.0.0.1:1/sync/" + kind.key());
        Session session = new Session(Targets.receivers(url.toString(), null), RunSettings.defaults(Profile.CORE));
        return new ReceiverUnderTest(new Target(kind, url, session, null));
    }
}
