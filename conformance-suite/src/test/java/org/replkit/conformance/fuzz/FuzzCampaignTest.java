package org.replkit.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.BoundaryValues.Boundary;
import org.replkit.conformance.records.JsonBody;
import org.replkit.conformance.selftest.Fault;
import org.replkit.conformance.selftest.FaultyReceiver;
import org.replkit.receivers.testsupport.TestPostgres;
import org.replkit.conformance.selftest.calibration.LenientEctoStyleReceiver;
import org.replkit.conformance.selftest.calibration.MinimalJdkReceiver;
import org.replkit.conformance.selftest.calibration.PostgresUpsertReceiver;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;

/**
 * Small seeded campaigns (a few hundred requests each): the reference receivers on both stores
 * give no finding, and the broken receivers of the self-test are caught for what they break, each
 * finding minimised to the part that causes it.
 */
class FuzzCampaignTest {

    static final String TOKEN = "kit-fuzz-test-token";
    static final long SEED = 20_261_202L;
    static final int SMALL = 400;

    static Campaign.Result campaign(String patternsUrl, String metricsUrl, String token, int requests) {
        return campaign(patternsUrl, metricsUrl, token, minimising(requests, 4, 30, Duration.ofSeconds(40)));
    }

    static Campaign.Result campaign(String patternsUrl, String metricsUrl, String token, Campaign.Settings s) {
        Map<EndpointKind, URI> targets = new EnumMap<>(EndpointKind.class);
        targets.put(EndpointKind.PATTERNS, URI.create(patternsUrl));
        if (metricsUrl != null) {
            targets.put(EndpointKind.METRICS, URI.create(metricsUrl));
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        return Campaign.run(targets, token, s, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private static String describe(Campaign.Result r) {
        return r.sent() + " sent, answers " + r.answers() + ", expected " + r.expectations() + "\n" + r.groups().stream()
                .map(g -> g.finding().kind() + " " + g.finding().requirementId() + " x" + g.occurrences() + ": "
                        + g.finding().fuzzCase().describe() + " -> " + g.finding().exchange().summary() + " | " + g.finding().message())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void referenceReceiversInMemoryGiveNoFinding() {
        try (ReceiverServer server = ReceiverServer.start(ReceiverOptions.embedded().withToken(TOKEN))) {
            Campaign.Result r = campaign(server.patternsUrl(), server.metricsUrl(), TOKEN, SMALL);
            assertEquals(SMALL, r.sent());
            assertEquals(0, r.findings(), describe(r));
            assertEquals(0, r.exitCode());
            assertTrue(r.expectations().get("sendable") > 40, "the campaign sends records that must be accepted too: " + r.expectations());
        }
    }

    @Test
    void referenceReceiversOnPostgresGiveNoFinding() {
        String url = TestPostgres.freshSchemaUrl();
        try (ReceiverServer server = ReceiverServer.start(ReceiverOptions.embedded().withToken(TOKEN).withDbUrl(url))) {
            Campaign.Result r = campaign(server.patternsUrl(), server.metricsUrl(), TOKEN, SMALL);
            assertEquals(0, r.findings(), describe(r));
        }
    }

    /** A receiver written from the contract, lenient about a few inputs the sender never sends, but never a 5xx. */
    @Test
    void theTestReceiverWithoutFaultsGivesNo5xxNoCrashAndLosesNothing() {
        try (FaultyReceiver r = FaultyReceiver.correct(null, null)) {
            Campaign.Result result = campaign(r.patternsUrl(), r.metricsUrl(), null, SMALL);
            for (FindingKind k : List.of(FindingKind.SERVER_ERROR, FindingKind.NO_ANSWER, FindingKind.TOO_SLOW,
                    FindingKind.REFUSED_SENDABLE, FindingKind.OTHER_STATUS)) {
                assertEquals(0L, result.findingsByKind().getOrDefault(k, 0L), k + "\n" + describe(result));
            }
            result.groups().forEach(g -> assertEquals(org.replkit.spec.Level.SHOULD, g.finding().level(), describe(result)));
        }
    }

    /**
     * The correct receivers written unlike the reference ones (selftest/calibration): lenient about
     * inputs the sender never sends, so SHOULD findings, but no finding at MUST level.
     */
    @Test
    void correctReceiversInOtherStylesGiveOnlyShouldFindings() {
        try (LenientEctoStyleReceiver r = LenientEctoStyleReceiver.start(TOKEN)) {
            onlyShoulds("lenient, Ecto style", campaign(r.patternsUrl(), r.metricsUrl(), TOKEN, SMALL));
        }
        try (MinimalJdkReceiver r = MinimalJdkReceiver.start(TOKEN)) {
            onlyShoulds("JDK HttpServer", campaign(r.patternsUrl(), r.metricsUrl(), TOKEN, SMALL));
        }
        try (PostgresUpsertReceiver r = PostgresUpsertReceiver.start(TestPostgres.freshSchemaUrl(), TOKEN)) {
            onlyShoulds("PostgreSQL ON CONFLICT", campaign(r.patternsUrl(), r.metricsUrl(), TOKEN, SMALL));
        }
    }

    private static void onlyShoulds(String receiver, Campaign.Result r) {
        assertTrue(r.findings() > 0, receiver + ": a lenient receiver acknowledges some mistakes\n" + describe(r));
        r.groups().forEach(g -> assertEquals(org.replkit.spec.Level.SHOULD, g.finding().level(), receiver + "\n" + describe(r)));
    }

    private static Campaign.FindingGroup caught(Fault fault, FindingKind kind, String requirement, int requests) {
        return caught(fault, kind, requirement, minimising(requests, 4, 30, Duration.ofSeconds(40)));
    }

    private static Campaign.FindingGroup caught(Fault fault, FindingKind kind, String requirement, Campaign.Settings s) {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(fault), null, null)) {
            Campaign.Result result = campaign(r.patternsUrl(), r.metricsUrl(), null, s);
            assertEquals(1, result.exitCode(), describe(result));
            return result.groups().stream()
                    .filter(g -> g.finding().kind() == kind && g.finding().requirementId().equals(requirement))
                    .findFirst().orElseThrow(() -> new AssertionError(fault + ": no " + kind + " finding for " + requirement
                            + "\n" + describe(result)));
        }
    }

    @Test
    void a500OnIntegerOverflowIsCaughtAndMinimisedToTheOneField() {
        Campaign.FindingGroup g = caught(Fault.ERROR_500_ON_OVERFLOW, FindingKind.SERVER_ERROR, "SYNC-ERR-07", SMALL);
        FuzzCase minimal = g.finding().fuzzCase();
        assertTrue(g.minimised(), "minimised");
        assertEquals(1, minimal.replacements().size(), minimal.describe());
        Boundary b = minimal.replacements().get(0);
        assertTrue(Set.of("frequency", "instances_count", "jobs_completed", "jobs_failed").contains(b.field()), b.toString());
        BigDecimal v = JsonBody.parseValue(b.json()).decimalValue();
        assertTrue(v.abs().compareTo(new BigDecimal(Long.MAX_VALUE)) > 0, "a value beyond 64 bits: " + b);
        assertEquals(List.of(), minimal.droppableFields(), "the optional fields are dropped too: " + minimal.base());
        assertEquals(500, g.finding().exchange().status());
    }

    @Test
    void a500OnBadJsonIsCaught() {
        Campaign.FindingGroup g = caught(Fault.ERROR_500_ON_BAD_JSON, FindingKind.SERVER_ERROR, "SYNC-ERR-07", SMALL);
        assertEquals("SYNC-ERR-02", g.finding().expected().requirementId(), "the request is not JSON: " + g.finding().fuzzCase().describe());
    }

    @Test
    void aDroppedConnectionIsCaughtAsACrash() {
        Campaign.FindingGroup g = caught(Fault.DROPS_CONNECTION_ON_DEEP_NESTING, FindingKind.NO_ANSWER, "SYNC-ERR-07", SMALL);
        assertEquals(null, g.finding().exchange().status());
    }

    @Test
    void anAcknowledgedInvalidRecordIsCaught() {
        Campaign.FindingGroup g = caught(Fault.ACCEPTS_INVALID, FindingKind.ACCEPTED_INVALID, "SYNC-VAL-01", SMALL);
        assertTrue(g.finding().exchange().status() / 100 == 2, g.finding().exchange().summary());
    }

    @Test
    void anAnswerLaterThanTheSendersTimeoutIsCaught() {
        // Each late answer takes 5.5 s: minimise one finding, briefly.
        Campaign.FindingGroup g = caught(Fault.SLOW_LARGE_RECORDS, FindingKind.TOO_SLOW, "SYNC-TIME-01",
                minimising(SMALL, 1, 2, Duration.ofSeconds(15)));
        assertTrue(g.finding().exchange().millis() > Judge.SLOW_MILLIS, g.finding().exchange().summary());
    }

    /** A campaign of {@code requests} with its own bounds on minimising (the others as {@link Campaign.Settings#of}). */
    private static Campaign.Settings minimising(int requests, int groups, int perGroup, Duration time) {
        Campaign.Settings s = Campaign.Settings.of(requests, SEED, Duration.ofMinutes(5));
        return new Campaign.Settings(s.requests(), s.seed(), s.duration(), s.concurrency(), groups, perGroup, time);
    }
}
