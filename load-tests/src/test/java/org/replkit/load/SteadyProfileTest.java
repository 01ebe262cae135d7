package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/**
 * The steady simulation scaled down (1 s cadence, 3 ticks): green against the in-process reference
 * receivers with its report, summary and index written; red against a receiver that answers 500.
 */
class SteadyProfileTest {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    /** Small and quick; the p99 bound is the spec's timeout because this test is about function, not speed. */
    static Map<LoadProperty, String> scaledDown() {
        Map<LoadProperty, String> s = new HashMap<>(Map.of(
                LoadProperty.INSTANCES, "2",
                LoadProperty.BATCH, "3",
                LoadProperty.CADENCE_MS, "1000",
                LoadProperty.DURATION_S, "3",
                LoadProperty.WARMUP, "20",
                LoadProperty.P99_MS, "5000"));
        return s;
    }

    @Test
    void steadyScaledDownPassesAndWritesReportSummaryAndIndex() throws IOException {
        GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.STEADY, scaledDown(), reports.resolve("load"), null);
        JsonNode summary = RunSummary.write(LoadProfile.STEADY, outcome);
        ReportIndex.refresh(reports);
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.LOAD_SUMMARY,
                Files.readString(outcome.reportDir().resolve(RunSummary.FILE))), "summary.json against its schema");
        assertEquals("passed", summary.path("verdict").asText());

        assertEquals(0, outcome.status(), "Gatling status");
        assertTrue(Files.exists(outcome.reportDir().resolve("index.html")), "Gatling's HTML report");
        assertTrue(outcome.reportDir().getFileName().toString().startsWith("steady-"));
        // 2 instances x 3 records x 3 ticks x 2 endpoints; the silent warm-up is not counted
        assertEquals(36, summary.path("requests").path("total").asLong());
        assertEquals(0, summary.path("requests").path("failed").asLong());
        assertTrue(summary.path("responseTimeMs").path("p99").asLong() > 0);
        assertEquals(3, summary.path("assertions").size());
        assertEquals("reference receivers in-process (in-memory)", summary.path("target").asText());
        assertEquals(2, summary.path("parameters").path("instances").asInt());

        JsonNode all = JSON.readTree(reports.resolve(ReportIndex.SUMMARY_FILE).toFile());
        assertEquals(1, all.size());
        String index = Files.readString(reports.resolve("index.html"));
        assertTrue(index.contains(outcome.reportDir().getFileName() + "/index.html"), index);
        assertFalse(Files.list(reports.resolve("load")).anyMatch(p -> p.getFileName().toString().startsWith(".gatling-")),
                "staging folder removed");
    }

    /** Signed: the in-process reference receivers require the signature, and every delivery carries a valid one. */
    @Test
    void steadySignedPassesAgainstReceiversThatRequireTheSignature() throws IOException {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString("load-test-signing-key-of-32-byte".getBytes());
        GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.STEADY, scaledDown(), reports.resolve("load"), secret);
        JsonNode summary = RunSummary.write(LoadProfile.STEADY, outcome);

        assertEquals(0, outcome.status(), "Gatling status");
        assertEquals(36, summary.path("requests").path("total").asLong());
        assertEquals(0, summary.path("requests").path("failed").asLong(), "a delivery was refused: its signature did not verify");
        assertEquals("reference receivers in-process (in-memory, signed deliveries only)", summary.path("target").asText());
        try (java.util.stream.Stream<Path> files = Files.walk(reports)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains(secret.substring(6)), f + " shows the signing secret");
            }
        }
    }

    @Test
    void steadyFailsAgainstAReceiverThatAnswers500() throws IOException {
        try (StubReceiver broken = StubReceiver.answering(ctx -> {
            if (ctx.header("X-Sync-Record-Id") != null && ctx.header("X-Sync-Record-Id").hashCode() % 3 == 0) {
                ctx.status(500).result("{\"status\":\"error\"}");
            } else {
                ctx.status(200).result("{\"status\":\"ok\"}");
            }
        })) {
            Map<LoadProperty, String> settings = scaledDown();
            settings.put(LoadProperty.TARGET, broken.baseUrl());
            settings.put(LoadProperty.WARMUP, "0");
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.STEADY, settings, reports.resolve("load"), null);

            assertEquals(GatlingRunner.ASSERTIONS_FAILED, outcome.status(), "Gatling status");
            assertTrue(outcome.assertions().stream().anyMatch(a -> !a.passed() && a.assertion().contains("failed events")),
                    outcome.assertions().toString());
            assertTrue(Files.exists(outcome.reportDir().resolve("index.html")), "a failed run still leaves its report");
            RunSummary.write(LoadProfile.STEADY, outcome);
            assertEquals(List.of(), SCHEMAS.violations(SpecSchema.LOAD_SUMMARY,
                    Files.readString(outcome.reportDir().resolve(RunSummary.FILE))), "a failed run's summary.json against its schema");
        }
    }
}
