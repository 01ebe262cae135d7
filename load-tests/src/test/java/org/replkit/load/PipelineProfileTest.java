package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline profile scaled down (1 s cadence and timeout, 8 rows/s for 3 s) on a real sender
 * database (debootstrap backend here: root and pg-image/bin/ci-prepare.sh's root filesystem): every
 * committed row reaches the in-process receivers and the audit trail's figures land in the summary;
 * a receiver that refuses every delivery fails the run.
 */
class PipelineProfileTest {

    @TempDir
    Path reports;

    private static Map<LoadProperty, String> scaledDown() {
        return new HashMap<>(Map.of(
                LoadProperty.CADENCE_MS, "1000",
                LoadProperty.TIMEOUT_MS, "1000",
                LoadProperty.ROWS_PER_SECOND, "8",
                LoadProperty.DURATION_S, "3",
                LoadProperty.WARMUP, "10",
                // The profile's lag limit (cadence + timeout, 2 s here) is a speed figure for real runs;
                // these tests check delivery and the report, so a busy machine must not fail them.
                LoadProperty.P99_MS, "20000"));
    }

    @Test
    void everyCommittedRowIsDeliveredAndTheLagIsReported() {
        GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.PIPELINE, scaledDown(), reports.resolve("load"), null);
        JsonNode summary = RunSummary.write(LoadProfile.PIPELINE, outcome);

        assertEquals(0, outcome.status(), outcome.assertions().toString());
        JsonNode pipeline = summary.path("pipeline");
        assertEquals(24, pipeline.path("rowsCommitted").asLong());
        assertEquals(24, pipeline.path("delivered").asLong());
        assertEquals(0, pipeline.path("failed").asLong());
        long p50 = pipeline.path("lagMs").path("p50").asLong();
        long p99 = pipeline.path("lagMs").path("p99").asLong();
        assertTrue(p50 > 0 && p50 <= p99, "lag p50 " + p50 + ", p99 " + p99);
        assertTrue(pipeline.path("deliveriesPerSecond").asDouble() > 0);
    }

    @Test
    void aReceiverThatRefusesEveryDeliveryFailsTheRun() {
        try (StubReceiver refusing = StubReceiver.answering(ctx -> ctx.status(400)
                .contentType("application/json").result("{\"status\":\"error\",\"error\":\"invalid_pattern\",\"message\":\"no\"}"))) {
            Map<LoadProperty, String> settings = scaledDown();
            settings.put(LoadProperty.TARGET, refusing.baseUrl());
            settings.put(LoadProperty.WARMUP, "0");
            settings.put(LoadProperty.DURATION_S, "1");
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.PIPELINE, settings, reports.resolve("load"), null);
            JsonNode summary = RunSummary.write(LoadProfile.PIPELINE, outcome);

            assertEquals(GatlingRunner.ASSERTIONS_FAILED, outcome.status());
            assertTrue(outcome.assertions().stream().anyMatch(a -> !a.passed() && a.assertion().startsWith("pipeline verdict")),
                    outcome.assertions().toString());
            assertEquals(0, summary.path("pipeline").path("delivered").asLong());
            assertEquals(8, summary.path("pipeline").path("failed").asLong());
        }
    }
}
