package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.spec.Outcome;

/**
 * Load shedding is not failure: a receiver that answers a third of its deliveries 503 with
 * Retry-After passes catch-up, and the shed share is reported; the same receiver without
 * Retry-After fails it. The same runs judge SYNC-SHED-01 (passed, failed), and the verdict's
 * conditions are tried on canned figures.
 */
class SheddingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                    reports.resolve("load"), null);
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
            // SYNC-SHED-01: shed with Retry-After, nothing late.
            assertEquals("SYNC-SHED-01", summary.path("requirements").path(0).path("id").asText());
            assertEquals("passed", summary.path("requirements").path(0).path("outcome").asText(), summary.toString());
            assertTrue(index.contains("SYNC-SHED-01: passed"), "the index shows the requirement's outcome");
        }
    }

    @Test
    void aReceiverThatAnswers503WithoutRetryAfterFailsCatchUp() {
        AtomicLong answered = new AtomicLong();
        try (StubReceiver overloaded = StubReceiver.answering(ctx -> answer(ctx, answered.incrementAndGet() % 3 == 0, false))) {
            Map<LoadProperty, String> settings = catchUpScaledDown(overloaded.baseUrl());
            settings.put(LoadProperty.WARMUP, "0"); // the warm-up would stop at the first bare 503
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.CATCH_UP, settings, reports.resolve("load"), null);
            JsonNode summary = RunSummary.write(LoadProfile.CATCH_UP, outcome);

            assertEquals(GatlingRunner.ASSERTIONS_FAILED, outcome.status(), "Gatling status");
            assertTrue(outcome.assertions().stream().anyMatch(a -> !a.passed() && a.assertion().contains("failed events")),
                    outcome.assertions().toString());
            assertTrue(summary.path("requests").path("failed").asLong() > 0);
            assertEquals(0, summary.path("requests").path("shed").asLong());
            assertEquals("failed", summary.path("requirements").path(0).path("outcome").asText(), summary.toString());
            assertTrue(summary.path("requirements").path(0).path("reason").asText().contains("without Retry-After"),
                    summary.toString());
        }
    }

    @Test
    void aCliffRunAgainstAReceiverThatShedsWithRetryAfterPassesTheSheddingRule() {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        try (StubReceiver small = StubReceiver.answering(ctx -> {
            try {
                boolean busy = inFlight.incrementAndGet() > 4;
                if (!busy) {
                    Thread.sleep(40);
                }
                answer(ctx, busy, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        })) {
            Map<LoadProperty, String> ramp = new java.util.HashMap<>(Map.of(LoadProperty.TARGET, small.baseUrl(),
                    LoadProperty.WARMUP, "0", LoadProperty.START_RATE, "20", LoadProperty.MAX_RATE, "400", LoadProperty.STEP_MS, "1000"));
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.CLIFF, ramp, reports.resolve("load"), null);
            JsonNode requirement = RunSummary.write(LoadProfile.CLIFF, outcome).path("requirements").path(0);

            assertEquals("SYNC-SHED-01", requirement.path("id").asText());
            assertEquals("passed", requirement.path("outcome").asText(), requirement.toString());
        }
    }

    // ---- SYNC-SHED-01 as the profiles judge it, on canned figures ------------------------------

    @Test
    void aCatchUpThatNeverOverloadedTheReceiverCannotTellAndALateOneFails() {
        ObjectNode shedding = JSON.createObjectNode().put("shed", 0).put("withoutRetryAfter", 0).put("timeoutMs", 5000);
        assertEquals(Outcome.CANT_TELL, ShedVerdict.ofCatchUp(shedding, 800).outcome());
        ShedVerdict late = ShedVerdict.ofCatchUp(shedding, 5000);
        assertEquals(Outcome.FAILED, late.outcome());
        assertTrue(late.reason().contains("nothing was shed"), late.reason());
    }

    @Test
    void aCliffThatShedInsteadOfGoingLatePassesAndOneThatWentLateFails() {
        ObjectNode shedInstead = JSON.createObjectNode().put("shed", 12).put("shedWithoutRetryAfter", 0).put("lateAnswers", 0);
        assertEquals(Outcome.PASSED, ShedVerdict.ofCliff(shedInstead, 5000).outcome());
        ObjectNode wentLate = JSON.createObjectNode().put("shed", 0).put("shedWithoutRetryAfter", 0).put("lateAnswers", 7);
        assertEquals(Outcome.FAILED, ShedVerdict.ofCliff(wentLate, 5000).outcome());
        ObjectNode bare = JSON.createObjectNode().put("shed", 0).put("shedWithoutRetryAfter", 3).put("lateAnswers", 0);
        assertEquals(Outcome.FAILED, ShedVerdict.ofCliff(bare, 5000).outcome());
    }

    @Test
    void aCliffStoppedByTheLoadGeneratorCannotTellAndNamesItsLimit() {
        ObjectNode stopped = JSON.createObjectNode().put("shed", 0).put("shedWithoutRetryAfter", 0).put("lateAnswers", 0)
                .put("stoppedByLoadGenerator", true).put("loadGeneratorMaxInFlight", 12);
        ShedVerdict verdict = ShedVerdict.ofCliff(stopped, 5000);
        assertEquals(Outcome.CANT_TELL, verdict.outcome());
        assertTrue(verdict.reason().contains("limit of 12 deliveries in flight") && verdict.reason().contains("--max-in-flight"),
                verdict.reason());
        ObjectNode quiet = JSON.createObjectNode().put("shed", 0).put("shedWithoutRetryAfter", 0).put("lateAnswers", 0)
                .put("stoppedByLoadGenerator", false).put("loadGeneratorMaxInFlight", 12);
        assertTrue(ShedVerdict.ofCliff(quiet, 5000).reason().startsWith("the run never overloaded"), ShedVerdict.ofCliff(quiet, 5000).reason());
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
