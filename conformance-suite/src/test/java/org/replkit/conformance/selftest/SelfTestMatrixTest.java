package org.replkit.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.replkit.conformance.Outcomes;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.report.ReportWriter;
import org.replkit.conformance.report.SelfTestMatrix;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.selftest.calibration.LenientEctoStyleReceiver;
import org.replkit.conformance.selftest.calibration.MinimalJdkReceiver;
import org.replkit.conformance.selftest.calibration.PostgresUpsertReceiver;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.testsupport.TestPostgres;
import org.replkit.spec.Outcome;
import org.replkit.spec.Profile;

/**
 * Proof that the verdicts can be trusted. Every check can fail: the suite (strict profile) against a
 * receiver per {@link Fault} must fail the requirement that fault breaks and exit 1. Correct
 * receivers pass: the reference receivers on both stores and the test receiver without faults pass
 * everything, and correct receivers written in other styles (calibration) pass core and break only
 * the SHOULDs they are known to. The matrix is written to target/self-test-report/index.html.
 */
class SelfTestMatrixTest {

    static final String TOKEN = "kit-test-token";
    static final String ADMIN = "kit-admin-token";
    /** A Standard Webhooks secret (whsec_ + base64 of 32 bytes): with it every delivery is signed and SIG-* is judged. */
    static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("kit-self-test-signing-key-32-byt".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    /** Fewer generated examples than a real run: each row only has to show its one broken rule. */
    static final int FAULT_EXAMPLES = 5;
    static final int CORRECT_EXAMPLES = 10;

    private static final List<SelfTestMatrix.Row> ROWS = new ArrayList<>();

    @Test
    void referenceReceiversInMemoryPassEverything() {
        try (ReceiverServer server = ReceiverServer.start(ReceiverOptions.embedded().withToken(TOKEN).withSigningSecret(SECRET))) {
            passesEverything("reference receivers (in memory, signed)",
                    Targets.receivers(server.patternsUrl(), server.metricsUrl()).withToken(TOKEN).withSigningSecret(SECRET));
        }
    }

    @Test
    void referenceReceiversOnPostgresPassEverything() {
        String url = TestPostgres.freshSchemaUrl();
        try (ReceiverServer server = ReceiverServer.start(ReceiverOptions.embedded().withToken(TOKEN).withDbUrl(url))) {
            passesEverything("reference receivers (PostgreSQL)",
                    Targets.receivers(server.patternsUrl(), server.metricsUrl()).withToken(TOKEN));
        }
    }

    @Test
    void testReceiverWithoutFaultsPassesEverything() {
        try (FaultyReceiver r = FaultyReceiver.start(java.util.Set.of(), TOKEN, ADMIN, SECRET)) {
            passesEverything("test receiver, no fault, signed", Targets.receivers(r.patternsUrl(), r.metricsUrl())
                    .withToken(TOKEN).withStatus(r.statusUrl(), ADMIN).withSigningSecret(SECRET));
        }
    }

    /**
     * Correct receivers unlike ours: each passes core (no MUST fails) and breaks exactly the SHOULDs
     * listed, each of them a leniency about input the sender never produces.
     */
    @Test
    void lenientEctoStyleReceiverPassesCore() {
        try (LenientEctoStyleReceiver r = LenientEctoStyleReceiver.start(TOKEN)) {
            passesCore("calibration: lenient, Ecto style", "casts numeric strings, blank strings are missing, no ranges,"
                            + " ignores the X-Sync-* headers, stamps a missing updated_at, reads 8 MB bodies",
                    Targets.receivers(r.patternsUrl(), r.metricsUrl()).withToken(TOKEN),
                    List.of("SYNC-HDR-01", "SYNC-HDR-02", "SYNC-HDR-03", "SYNC-VAL-02", "SYNC-VAL-03", "PAT-VAL-02",
                            "MET-VAL-02", "SYNC-ERR-05"));
        }
    }

    @Test
    void minimalJdkReceiverPassesCore() {
        try (MinimalJdkReceiver r = MinimalJdkReceiver.start(TOKEN)) {
            passesCore("calibration: JDK HttpServer, no framework", "needs only a UUID id and a timestamp updated_at;"
                            + " no header, schema or content-type checks; Express's 100 kB size limit",
                    Targets.receivers(r.patternsUrl(), r.metricsUrl()).withToken(TOKEN),
                    List.of("SYNC-HDR-01", "SYNC-HDR-02", "SYNC-HDR-03", "SYNC-VAL-03", "PAT-VAL-01", "PAT-VAL-02",
                            "MET-VAL-01", "MET-VAL-02", "SYNC-ERR-04"));
        }
    }

    @Test
    void postgresOnConflictReceiverPassesCore() {
        try (PostgresUpsertReceiver r = PostgresUpsertReceiver.start(TestPostgres.freshSchemaUrl(), TOKEN)) {
            passesCore("calibration: PostgreSQL ON CONFLICT ... WHERE", "one upsert statement keeps the newest row;"
                            + " requires the X-Sync-* headers; no metrics rules across fields",
                    Targets.receivers(r.patternsUrl(), r.metricsUrl()).withToken(TOKEN),
                    List.of("SYNC-HDR-04", "MET-VAL-02"));
        }
    }

    /** E2E-01's fault needs a sender database; EndToEndTest proves that one. */
    @ParameterizedTest
    @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "SLOW_EVERY_DELIVERY")
    void brokenReceiverFailsTheRuleItBreaks(Fault fault) {
        // A signature fault needs a secret on both sides; the other rows run unsigned, as most receivers do.
        String secret = fault.breaks().stream().anyMatch(id -> id.startsWith("SIG-")) ? SECRET : null;
        try (FaultyReceiver r = FaultyReceiver.start(java.util.Set.of(fault), TOKEN, ADMIN, secret)) {
            boolean metrics = fault.breaks().stream().anyMatch(id -> id.startsWith("MET-"));
            Targets targets = Targets.receivers(r.patternsUrl(), metrics ? r.metricsUrl() : null)
                    .withToken(TOKEN).withStatus(r.statusUrl(), ADMIN).withSigningSecret(secret);
            ConformanceResult result = run(targets, FAULT_EXAMPLES);
            record(new SelfTestMatrix.Row(fault.name(), fault.description(), fault.breaks(), result));
            assertTrue(Outcomes.failedIds(result).containsAll(fault.breaks()), fault + " must fail " + fault.breaks()
                    + " but the suite failed " + Outcomes.failedIds(result) + "\n" + describe(result));
            assertEquals(1, result.exitCode(), fault + ": kit verify must exit 1");
        }
    }

    private static void passesCore(String name, String description, Targets targets, List<String> breaksShould) {
        ConformanceResult result = run(targets, CORRECT_EXAMPLES);
        SelfTestMatrix.Row row = new SelfTestMatrix.Row(name, description, List.of(), breaksShould, result);
        record(row);
        assertEquals(0, result.as(Profile.CORE).exitCode(), name + " must pass core\n" + describe(result));
        assertEquals(new java.util.TreeSet<>(breaksShould), new java.util.TreeSet<>(row.failedShoulds()),
                name + ": the SHOULDs it breaks\n" + describe(result));
    }

    private static void passesEverything(String name, Targets targets) {
        ConformanceResult result = run(targets, CORRECT_EXAMPLES);
        record(new SelfTestMatrix.Row(name, "keeps the contract", List.of(), result));
        assertEquals(List.of(), Outcomes.failedIds(result), name + " must pass everything\n" + describe(result));
        assertEquals(0, result.exitCode());
    }

    static ConformanceResult run(Targets targets, int examples) {
        return ConformanceRunner.run(targets, RunSettings.defaults(Profile.STRICT).withExamples(examples), o -> { });
    }

    private static synchronized void record(SelfTestMatrix.Row row) {
        ROWS.add(row);
    }

    static String describe(ConformanceResult r) {
        return "run took " + r.millis() + " ms\n" + r.verdicts().stream().filter(v -> v.outcome() != Outcome.PASSED)
                .map(v -> v.outcome().label() + " " + v.id() + " [" + v.endpoint() + "]: " + v.reason())
                .collect(Collectors.joining("\n"));
    }

    @AfterAll
    static void writeMatrix() {
        if (ROWS.isEmpty()) {
            return;
        }
        List<SelfTestMatrix.Row> rows = new ArrayList<>(ROWS);
        rows.sort(Comparator.comparing((SelfTestMatrix.Row row) -> !row.mustFail().isEmpty())
                .thenComparing(row -> !row.breaksShould().isEmpty())
                .thenComparing(row -> order(row.receiver())));
        ConformanceResult shown = rows.get(0).result();
        Path dir = Paths.get("target", "self-test-report");
        ReportWriter.write(dir, shown, new SelfTestMatrix(rows).page());
        System.out.println("Self-test matrix (" + rows.size() + " receivers): " + dir.resolve("index.html").toAbsolutePath());
        for (SelfTestMatrix.Row row : rows) {
            System.out.printf("  %-44s must fail %-28s failed %s%n", row.receiver(), row.mustFail(), Outcomes.failedIds(row.result()));
        }
    }

    private static int order(String receiver) {
        try {
            return Fault.valueOf(receiver).ordinal();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
