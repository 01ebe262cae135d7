package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.load.cliff.CliffPage;

/**
 * The cliff profile finds the cliff a receiver's design implies: one that serialises every request
 * through a 20 ms section acknowledges at most 50 per second, so held above that rate its answers
 * come later and later until they cross the 5 s timeout. (A slow section rather than a fast one:
 * the figure then depends on the receiver's design, not on how busy the machine's cores are.) And
 * it says so when a receiver sheds load with 503 and Retry-After instead. When the load generator
 * itself cannot hold more deliveries open, it says that, and claims no cliff.
 */
class CliffProfileTest {

    @TempDir
    Path reports;

    private static final long SECTION_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A short, fast ramp; the timeout stays the spec's. */
    private static Map<LoadProperty, String> ramp(String target) {
        return new HashMap<>(Map.of(
                LoadProperty.TARGET, target,
                LoadProperty.WARMUP, "0",
                LoadProperty.START_RATE, "5",
                LoadProperty.MAX_RATE, "400",
                LoadProperty.STEP_MS, "1000"));
    }

    @Test
    void findsThe50PerSecondCliffOfAReceiverSerialisedThrough20Milliseconds() throws Exception {
        // A lock, not synchronized: Javalin may run handlers on virtual threads, which synchronized pins.
        ReentrantLock section = new ReentrantLock(true);
        long[] lastEnd = {System.nanoTime()};
        try (StubReceiver slow = StubReceiver.answering(ctx -> {
            long arrived = System.nanoTime();
            section.lock();
            try {
                // 20 ms per request, on a schedule, as one worker with a queue: a request that waited for
                // the section starts where the one before it ended, not when its thread woke up. On a
                // busy machine a thread wakes up milliseconds late, which would otherwise add to every
                // section and make the receiver slower than its design (1/(20 ms + the wake-up)).
                long end = Math.max(arrived, lastEnd[0]) + SECTION_NANOS;
                for (long left; (left = end - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                }
                lastEnd[0] = end;
            } finally {
                section.unlock();
            }
            ctx.status(200).contentType("application/json").result("{\"status\":\"ok\"}");
        })) {
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.CLIFF, ramp(slow.baseUrl()), reports.resolve("load"), null);
            JsonNode cliff = RunSummary.write(LoadProfile.CLIFF, outcome).path("cliff");

            assertTrue(cliff.path("found").asBoolean(), cliff.toString());
            double rate = cliff.path("rate_per_s").asDouble();
            assertTrue(rate >= 45 && rate <= 55, "the cliff is 50/s within 10%: " + cliff);
            assertTrue(cliff.path("stopReason").asText().contains("p99"), cliff.toString());
            assertTrue(cliff.path("lateAnswers").asLong() > 0, cliff.toString());
            assertEquals(0, cliff.path("shed").asLong());
            // In flight and still answered within 5 s: about 5 s x 50/s.
            int concurrency = cliff.path("concurrency").asInt();
            assertTrue(concurrency >= 150 && concurrency <= 350, "about 250 in flight: " + cliff);
            String page = Files.readString(outcome.reportDir().resolve(CliffPage.FILE));
            assertTrue(page.contains("<svg class=\"cliff-plot\"") && page.contains("<polyline class=\"p99\""), page);
        }
    }

    @Test
    void aReceiverThatShedsWith503AndRetryAfterIsReportedAsShedding() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        try (StubReceiver shedding = StubReceiver.answering(ctx -> {
            try {
                if (inFlight.incrementAndGet() > 4) {
                    ctx.status(503).header("Retry-After", "1").result("{\"status\":\"error\"}");
                    return;
                }
                Thread.sleep(40);
                ctx.status(200).contentType("application/json").result("{\"status\":\"ok\"}");
            } finally {
                inFlight.decrementAndGet();
            }
        })) {
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.CLIFF, ramp(shedding.baseUrl()), reports.resolve("load"), null);
            JsonNode cliff = RunSummary.write(LoadProfile.CLIFF, outcome).path("cliff");

            assertTrue(cliff.path("shedWithRetryAfter").asBoolean(), cliff.toString());
            assertTrue(cliff.path("stopReason").asText().contains("shed"), cliff.toString());
            assertEquals(0, cliff.path("lateAnswers").asLong(), cliff.toString());
        }
    }

    @Test
    void theLoadGeneratorsOwnLimitStopsTheRampWithoutClaimingACliff() throws Exception {
        // Every answer takes 300 ms, far within the timeout: the deliveries in flight grow with the
        // rate (about 12 at 40/s), and the load generator may hold 12, so it meets its own limit long
        // before the receiver gives way. That is the kit's limit, not the receiver's.
        try (StubReceiver patient = StubReceiver.answering(ctx -> {
            Thread.sleep(300);
            ctx.status(200).contentType("application/json").result("{\"status\":\"ok\"}");
        })) {
            Map<LoadProperty, String> properties = ramp(patient.baseUrl());
            properties.put(LoadProperty.START_RATE, "20");
            properties.put(LoadProperty.MAX_IN_FLIGHT, "12");
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.CLIFF, properties, reports.resolve("load"), null);
            JsonNode summary = RunSummary.write(LoadProfile.CLIFF, outcome);
            JsonNode cliff = summary.path("cliff");

            assertTrue(cliff.path("stoppedByLoadGenerator").asBoolean(), cliff.toString());
            assertTrue(cliff.path("stopReason").asText().contains("load generator reached its own limit of 12"), cliff.toString());
            assertFalse(cliff.path("found").asBoolean(), cliff.toString());
            assertTrue(cliff.path("rate_per_s").isNull(), cliff.toString());
            assertEquals(12, cliff.path("loadGeneratorMaxInFlight").asInt(), cliff.toString());
            assertEquals(0, cliff.path("lateAnswers").asLong(), cliff.toString());
            JsonNode requirement = summary.path("requirements").path(0);
            assertEquals("SYNC-SHED-01", requirement.path("id").asText());
            assertEquals("cantTell", requirement.path("outcome").asText(), summary.toString());
        }
    }
}
