package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load shedding is not failure: a receiver that answers a third of its deliveries 503 with
 * Retry-After passes catch-up, and the shed share is reported; the same receiver without
 * Retry-After fails it.
 */
class SheddingTest {

    @TempDir
    Path reports;

    /** Catch-up, small: 2 ticks, a 2 s outage whose 2 ticks arrive at once, 2 ticks after. */
    private static Map<LoadProperty, String> catchUpScaledDown(String target) {
        Map<LoadProperty, String> s = SteadyProfileTest.scaledDown();
        s.put(LoadProperty.WARM_S, "2");
        s.put(LoadProperty.OUTAGE_S, "2");
        s.put(LoadProperty.DURATION_S, "2");
        s.put(LoadProperty.TARGET, target);
        return s;
    }

    @Test
    void aReceiverThatShedsAThirdWith503AndRetryAfterPassesCatchUpAndTheShareIsReported() throws IOException {
        AtomicLong answered = new AtomicLong();
        try (StubReceiver shedding = StubReceiver.answering(ctx -> answer(ctx, answered.incrementAndGet() % 3 == 0, true))) {
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.CATCH_UP, catchUpScaledDown(shedding.baseUrl()),
                    reports.resolve("load"));
            JsonNode summary = RunSummary.write(LoadProfile.CATCH_UP, outcome);
            ReportIndex.refresh(reports);

            assertEquals(0, outcome.status(), "shed answers are not failures: " + outcome.assertions());
            JsonNode requests = summary.path("requests");
            assertEquals(0, requests.path("failed").asLong());
            long total = requests.path("total").asLong();
            long shed = requests.path("shed").asLong();
            assertTrue(shed > total / 4 && shed < total / 2 + 1, shed + " of " + total + " shed");
            assertEquals(Math.round(shed * 10_000.0 / total) / 10_000.0, requests.path("shedShare").asDouble(), 1e-9);
            assertTrue(LoadCommand.shedPart(requests).contains(shed + " shed"), LoadCommand.shedPart(requests));
            String index = Files.readString(reports.resolve("index.html"));
            assertTrue(index.contains(">" + shed + " ("), "the index shows the shed count and share");
        }
    }

    @Test
    void aReceiverThatAnswers503WithoutRetryAfterFailsCatchUp() {
        AtomicLong answered = new AtomicLong();
        try (StubReceiver overloaded = StubReceiver.answering(ctx -> answer(ctx, answered.incrementAndGet() % 3 == 0, false))) {
            Map<LoadProperty, String> settings = catchUpScaledDown(overloaded.baseUrl());
            settings.put(LoadProperty.WARMUP, "0"); // the warm-up would stop at the first bare 503
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.CATCH_UP, settings, reports.resolve("load"));
            JsonNode summary = RunSummary.write(LoadProfile.CATCH_UP, outcome);

            assertEquals(GatlingRunner.ASSERTIONS_FAILED, outcome.status(), "Gatling status");
            assertTrue(outcome.assertions().stream().anyMatch(a -> !a.passed() && a.assertion().contains("failed events")),
                    outcome.assertions().toString());
            assertTrue(summary.path("requests").path("failed").asLong() > 0);
            assertEquals(0, summary.path("requests").path("shed").asLong());
        }
    }

    /** 200 with the ack the kit checks, or 503 (with Retry-After: 5 when {@code retryAfter}). */
    private static void answer(Context ctx, boolean shed, boolean retryAfter) {
        String id = ctx.header("X-Sync-Record-Id");
        if (shed) {
            if (retryAfter) {
                ctx.header("Retry-After", "5");
            }
            ctx.status(503).contentType("application/json").result("{\"status\":\"error\",\"error\":\"unavailable\",\"message\":\"busy\"}");
            return;
        }
        String idField = ctx.path().endsWith("/patterns") ? "pattern_id" : "metrics_id";
        ctx.status(200).contentType("application/json").result("{\"status\":\"ok\",\"" + idField + "\":\"" + id + "\"}");
    }
}
