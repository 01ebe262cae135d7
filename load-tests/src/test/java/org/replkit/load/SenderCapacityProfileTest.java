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
 * The sender-capacity profile scaled down (1 s cadence and timeout, steps of 3 s at 10 and 30 rows/s,
 * a burst of 150) on a real sender database: the raw pg_net baseline, the schema's burst, their ratio
 * and the per-step figures reach the summary; a receiver that refuses everything fails the run.
 */
class SenderCapacityProfileTest {

    @TempDir
    Path reports;

    private static Map<LoadProperty, String> scaledDown() {
        return new HashMap<>(Map.of(
                LoadProperty.CADENCE_MS, "1000",
                LoadProperty.TIMEOUT_MS, "1000",
                LoadProperty.RATES, "10,30",
                LoadProperty.STEP_S, "3",
                LoadProperty.BURST, "150",
                LoadProperty.WARMUP, "10",
                // At a 1 s cadence the collector's second is a large share of the lag and of a short burst.
                LoadProperty.P99_MS, "5000",
                LoadProperty.TARGET_RATIO_PERCENT, "25"));
    }

    @Test
    void theRunMeasuresTheRawRateTheSchemasRateTheirRatioAndEachStep() {
        GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.SENDER_CAPACITY, scaledDown(), reports.resolve("load"), null);
        JsonNode summary = RunSummary.write(LoadProfile.SENDER_CAPACITY, outcome);

        assertEquals(0, outcome.status(), outcome.assertions().toString());
        JsonNode capacity = summary.path("capacity");
        assertEquals(450, capacity.path("rawPgNet").path("ok").asLong(), "three rounds of 150");
        assertEquals(450, capacity.path("schemaBurst").path("delivered").asLong());
        double raw = capacity.path("rawPgNet").path("perSecond").asDouble();
        double schema = capacity.path("schemaBurst").path("perSecond").asDouble();
        assertTrue(raw > 0 && schema > 0, capacity.toString());
        assertTrue(capacity.path("ratio").asDouble() > 0, capacity.toString());
        JsonNode steps = capacity.path("steps");
        assertEquals(2, steps.size(), steps.toString());
        assertEquals(30, steps.get(0).path("items").asLong(), "3 s at 10 rows/s, one instance per table");
        assertEquals(90, steps.get(1).path("items").asLong());
        assertTrue(steps.get(1).path("tickMs").path("count").asInt() >= 2, steps.toString());
        assertTrue(capacity.path("highestRowsPerSecond").asInt() >= 10, capacity.toString());
    }

    @Test
    void aReceiverThatRefusesEveryDeliveryFailsTheRun() {
        try (StubReceiver refusing = StubReceiver.answering(ctx -> ctx.status(400)
                .contentType("application/json").result("{\"status\":\"error\",\"error\":\"invalid_pattern\",\"message\":\"no\"}"))) {
            Map<LoadProperty, String> settings = scaledDown();
            settings.put(LoadProperty.TARGET, refusing.baseUrl());
            settings.put(LoadProperty.WARMUP, "0");
            settings.put(LoadProperty.RATES, "5");
            settings.put(LoadProperty.BURST, "20");
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.SENDER_CAPACITY, settings, reports.resolve("load"), null);
            JsonNode summary = RunSummary.write(LoadProfile.SENDER_CAPACITY, outcome);

            assertEquals(GatlingRunner.ASSERTIONS_FAILED, outcome.status());
            assertEquals(0, summary.path("capacity").path("rawPgNet").path("ok").asLong());
            assertEquals(0, summary.path("capacity").path("highestRowsPerSecond").asLong());
        }
    }
}
